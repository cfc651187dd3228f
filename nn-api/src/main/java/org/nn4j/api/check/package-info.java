/**
 * Numerical differentiation and gradient checks (book §4.3–4.4 and §5.7.3), for nn4j's own tests and for
 * plugin authors who want to prove their layer's backward pass right.
 */
package org.nn4j.api.check;
