package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatchingTest {

  @Test
  void keysAreTheCommandLineSpellings() {
    // given
    String corrected = "corrected";
    // when
    Matching parsed = Matching.fromKey(corrected);
    // then
    assertEquals(Matching.CORRECTED, parsed);
    assertEquals("compat", Matching.COMPAT.key());
  }

  @Test
  void unknownKeyNamesTheChoices() {
    // given
    String unknown = "strict";
    // when
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Matching.fromKey(unknown));
    // then
    assertEquals("unknown matching 'strict'; expected one of compat, corrected", e.getMessage());
  }
}
