package org.ncer.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleTest {

  @Test
  void answerIsOneLineOfJsonInLabelOrder() {
    // given
    Map<String, List<String>> entities = new LinkedHashMap<>();
    entities.put("drug", List.of("5-FU", "cisplatin"));
    entities.put("condition", List.of());
    entities.put("gene variant", List.of("c.68_69del\"AG\""));

    // when
    String answer = new Example("text", entities).answer();

    // then: quotes inside a mention are escaped
    assertEquals(
        "{\"drug\": [\"5-FU\", \"cisplatin\"], \"condition\": [], \"gene variant\":"
            + " [\"c.68_69del\\\"AG\\\"\"]}",
        answer);
  }
}
