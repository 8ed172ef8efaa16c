/**
 * Span metrics (nervaluate schemas) and token metrics: pure functions of gold and predicted
 * mentions.
 */
package org.ncer.score;
