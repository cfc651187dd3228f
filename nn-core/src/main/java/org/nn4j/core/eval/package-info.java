/** Measuring a trained classifier: accuracy, per-class precision and recall, and the confusion matrix. */
package org.nn4j.core.eval;
