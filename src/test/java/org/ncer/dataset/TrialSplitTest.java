package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialSplitTest {
  private static final Map<String, Integer> EIGHTY_TEN_TEN = new LinkedHashMap<>();

  static {
    EIGHTY_TEN_TEN.put("train", 80);
    EIGHTY_TEN_TEN.put("dev", 10);
    EIGHTY_TEN_TEN.put("test", 10);
  }

  @Test
  void bucketIsTheFirstEightBytesOfSha256ModuloHundred() {
    // given: expected values computed in Python as
    // int.from_bytes(hashlib.sha256(trial.encode()).digest()[:8], "big") % 100
    // when / then
    assertEquals(7, TrialSplit.bucket("NCT00050349"));
    assertEquals(40, TrialSplit.bucket("NCT03460002"));
    assertEquals(82, TrialSplit.bucket("NCT00250640"));
    assertEquals(90, TrialSplit.bucket("NCT00122070"));
    assertEquals(93, TrialSplit.bucket("NCT00317148"));
  }

  @Test
  void bucketsAreHandedOutInSplitOrder() {
    // given: buckets 7, 82 and 90 from the test above
    // when / then
    assertEquals("train", TrialSplit.of("NCT00050349", EIGHTY_TEN_TEN));
    assertEquals("dev", TrialSplit.of("NCT00250640", EIGHTY_TEN_TEN));
    assertEquals("test", TrialSplit.of("NCT00122070", EIGHTY_TEN_TEN));
  }

  @Test
  void bothCriteriaFilesBelongToTheirTrial() {
    // given / when / then
    assertEquals("NCT00050349", TrialSplit.trialOf("NCT00050349_inc"));
    assertEquals("NCT00050349", TrialSplit.trialOf("NCT00050349_exc"));
  }
}
