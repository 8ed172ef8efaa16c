package org.ncer.run;

import java.util.List;

/** Answers the planned calls of a run: a model endpoint, or answers recorded earlier. */
interface AnswerSource {

  /** Hears each completed call, on the thread that called {@link #answer}. */
  @FunctionalInterface
  interface Sink {
    /**
     * A call completed.
     *
     * @param paid whether the answer was paid for (a call was made), so that it must be on disk
     *     before anything else happens
     */
    void completed(PlannedCall call, JournalEntry entry, boolean paid);
  }

  /**
   * Answers {@code calls}, reporting each to {@code sink} as it completes, in any order; returns
   * when every call is reported or the run must stop.
   *
   * @throws org.ncer.NcerException when no further call can succeed (a bad key, say), after every
   *     answer already received was reported
   */
  void answer(List<PlannedCall> calls, Sink sink);
}
