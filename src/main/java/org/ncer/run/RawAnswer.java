package org.ncer.run;

/**
 * One recorded model call for a document: what was asked ({@code label}, {@code query}, {@code
 * chunkStart}) and the raw answer, or the failure when no answer came.
 */
public record RawAnswer(
    String documentId, String label, String query, int chunkStart, String text, String failure) {}
