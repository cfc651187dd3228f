/** The {@code nn4j} command line and runnable examples. */
package org.nn4j.examples;
