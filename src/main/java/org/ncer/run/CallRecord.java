package org.ncer.run;

/**
 * One model call of a run as written to {@code answers/<dataset>.jsonl}: what was asked and what
 * came back ({@code response}), or why nothing did ({@code error}).
 */
public record CallRecord(
    String id, String label, String query, int chunkStart, String response, String error) {

  public CallRecord {
    if ((response == null) == (error == null)) {
      throw new IllegalArgumentException("a call record has either a response or an error");
    }
  }
}
