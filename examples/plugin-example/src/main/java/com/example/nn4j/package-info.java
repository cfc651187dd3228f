/** An example nn4j plugin: the {@code swish} and {@code leaky-relu} layers and the {@code huber} loss. */
package com.example.nn4j;
