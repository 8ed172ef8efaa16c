/**
 * Datasets: documents with gold mentions, read from the original corpus files (PubTator, brat
 * standoff) or from JSON Lines, mapped to the benchmark's OMOP-style labels, split, described and
 * downloaded.
 */
package org.ncer.dataset;
