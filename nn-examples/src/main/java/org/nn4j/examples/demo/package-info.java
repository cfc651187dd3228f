/**
 * The book's chapters 4 and 5, number by number: one small class per demonstration, each with its own
 * {@code main}, run by {@code nn4j demo NAME} and listed by {@code nn4j demo}. Every number comes from the code
 * paths users train with: the registered losses, layers and optimizer, {@code Network}, and nn-api's
 * {@code NumericalGradient}.
 */
package org.nn4j.examples.demo;
