/**
 * Guice wiring: {@link org.nn4j.core.guice.Nn4jModule} binds the discovered providers, and
 * {@link org.nn4j.core.guice.NetworkBinder} configures a network by module bindings (DESIGN §3).
 */
package org.nn4j.core.guice;
