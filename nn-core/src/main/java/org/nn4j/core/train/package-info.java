/** Training networks: the mini-batch loop, its settings, and listeners that hear how it goes. */
package org.nn4j.core.train;
