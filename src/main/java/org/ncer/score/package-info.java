/**
 * Span metrics (nervaluate schemas) and token metrics: pure functions of gold and predicted
 * mentions.
 *
 * <p>{@link org.ncer.score.Scorer} is the entry point. By default it reproduces the benchmark's
 * numbers exactly (nervaluate 0.1.8 and scikit-learn's classification report over the benchmark's
 * tokens), quirks included; {@link org.ncer.score.Matching#CORRECTED} gives one-to-one span
 * matching instead. Scoring takes O((n + m) log n) time per document for n gold and m predicted
 * mentions, and time linear in the text for the token metrics.
 */
package org.ncer.score;
