package org.ncer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  @TempDir Path tmp;

  @Test
  void anAnswerIsFoundByItsHashAndAnotherHashMisses() throws IOException {
    // given
    ResponseCache cache = ResponseCache.in(tmp);
    String hash = "ab" + "0".repeat(62);

    // when
    cache.put(hash, "{\"condition\": []}", "stop", new Usage(10, 3));

    // then
    assertEquals(
        new ResponseCache.Hit("{\"condition\": []}", "stop", new Usage(10, 3)),
        cache.get(hash).orElseThrow());
    assertTrue(cache.get("cd" + "0".repeat(62)).isEmpty());
    assertTrue(Files.exists(tmp.resolve("ab").resolve(hash + ".json")));
    try (var files = Files.list(tmp.resolve("ab"))) {
      assertEquals(1, files.count(), "no temporary file is left");
    }
  }

  @Test
  void anUnreadableEntryIsAMiss() throws IOException {
    // given
    String hash = "ef" + "1".repeat(62);
    Files.createDirectories(tmp.resolve("ef"));
    Files.writeString(tmp.resolve("ef").resolve(hash + ".json"), "{\"answer\": ");

    // then
    assertTrue(ResponseCache.in(tmp).get(hash).isEmpty());
  }

  @Test
  void theDefaultFolderFollowsXdg() {
    assertEquals(
        Path.of("/x/cache/ncer"),
        ResponseCache.defaultDir(Map.of("XDG_CACHE_HOME", "/x/cache"), Path.of("/home/u")));
    assertEquals(
        Path.of("/home/u/.cache/ncer"), ResponseCache.defaultDir(Map.of(), Path.of("/home/u")));
  }
}
