/**
 * Integration tests run at the end of nn4j's build: plugin projects built with Maven as their authors build
 * them, against the artifacts this build just made, and the nn4j command line using the jars they produce.
 */
package org.nn4j.it;
