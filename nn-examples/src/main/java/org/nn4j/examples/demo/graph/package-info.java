/**
 * Computational graphs of two-input nodes (book §5.1–5.4): the multiplication and addition nodes with their
 * forward and backward passes, and a graph that runs them and prints or draws every edge's forward value and
 * gradient.
 */
package org.nn4j.examples.demo.graph;
