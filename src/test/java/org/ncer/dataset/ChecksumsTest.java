package org.ncer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
  @Test
  void nameMatcherAcceptsANameMatchingAnyGlob() {
    // given
    Predicate<String> include = Checksums.nameMatcher(List.of("*.txt", "NCT*.ann"));

    // when
    List<String> kept =
        List.of("one.txt", "NCT1_inc.ann", "one.ann", "visual.conf", "txt").stream()
            .filter(include)
            .toList();

    // then
    assertEquals(List.of("one.txt", "NCT1_inc.ann"), kept);
  }
}
