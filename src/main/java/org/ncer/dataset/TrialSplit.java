package org.ncer.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Assigns a clinical trial to a split by a hash of its id, so the split is the same on every
 * machine, needs no list of ids, and keeps both criteria files of a trial together.
 *
 * <p>The bucket is the first eight bytes of SHA-256 of the UTF-8 trial id (such as {@code
 * NCT00050349}), read as an unsigned big-endian number, modulo 100. Buckets are handed out in split
 * order: with {@code train: 80, dev: 10, test: 10}, buckets 0-79 are train, 80-89 dev, 90-99 test.
 */
final class TrialSplit {
  private TrialSplit() {}

  /** The bucket of {@code trialId}, 0 to 99. */
  static int bucket(String trialId) {
    byte[] hash = Checksums.sha256().digest(trialId.getBytes(StandardCharsets.UTF_8));
    long high = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (hash[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(high, 100);
  }

  /** The split of {@code trialId} under {@code percents} (split to percentage, in split order). */
  static String of(String trialId, Map<String, Integer> percents) {
    int bucket = bucket(trialId);
    int upTo = 0;
    String last = null;
    for (Map.Entry<String, Integer> e : percents.entrySet()) {
      upTo += e.getValue();
      last = e.getKey();
      if (bucket < upTo) {
        return last;
      }
    }
    throw new IllegalArgumentException("split percentages add up to " + upTo + ", not 100");
  }

  /** The trial id of a Chia document id: {@code NCT00050349_inc} belongs to {@code NCT00050349}. */
  static String trialOf(String documentId) {
    int cut = documentId.indexOf('_');
    return cut < 0 ? documentId : documentId.substring(0, cut);
  }
}
