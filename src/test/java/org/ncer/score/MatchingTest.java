package org.ncer.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatchingTest {

  @Test
  void keysAreTheCommandLineSpellings() {
    assertEquals("compat", Matching.COMPAT.key());
    assertEquals(Matching.CORRECTED, Matching.fromKey("corrected"));
  }

  @Test
  void unknownKeyNamesTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Matching.fromKey("strict"));
    assertEquals("unknown matching 'strict'; expected one of compat, corrected", e.getMessage());
  }
}
