package org.ncer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ncer.Json;
import org.ncer.dataset.Document;

/**
 * A part of each dataset, for trying a prompt quickly: the first {@code n} documents ({@code
 * --limit}), or {@code n} documents drawn by the SHA-256 of the seed and the document id ({@code
 * --sample}), kept in dataset order. A run on a subset is never comparable with the leaderboard.
 *
 * @param kind {@code limit} or {@code sample}
 * @param n the documents kept per dataset
 * @param seed the sample's seed; 0 for a limit
 */
public record Subset(String kind, int n, long seed) {
  public static final String LIMIT = "limit";
  public static final String SAMPLE = "sample";

  public Subset {
    if (!kind.equals(LIMIT) && !kind.equals(SAMPLE)) {
      throw new IllegalArgumentException("a subset is a limit or a sample: " + kind);
    }
    if (n < 1) {
      throw new IllegalArgumentException("a subset of " + n + " documents is empty");
    }
  }

  public static Subset limit(int n) {
    return new Subset(LIMIT, n, 0);
  }

  public static Subset sample(int n, long seed) {
    return new Subset(SAMPLE, n, seed);
  }

  /** The documents kept, in their order in {@code docs}. */
  public List<Document> apply(List<Document> docs) {
    if (docs.size() <= n) {
      return docs;
    }
    if (kind.equals(LIMIT)) {
      return docs.subList(0, n);
    }
    record Ranked(int index, String rank) {}
    List<Ranked> ranked = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      ranked.add(new Ranked(i, rank(docs.get(i).id())));
    }
    ranked.sort(Comparator.comparing(Ranked::rank).thenComparingInt(Ranked::index));
    boolean[] keep = new boolean[docs.size()];
    ranked.subList(0, n).forEach(r -> keep[r.index()] = true);
    List<Document> out = new ArrayList<>(n);
    for (int i = 0; i < docs.size(); i++) {
      if (keep[i]) {
        out.add(docs.get(i));
      }
    }
    return out;
  }

  private String rank(String id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((seed + "\n" + id).getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** For the manifest and results: {@code {"kind", "n", "seed"}}. */
  public ObjectNode toJson() {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("kind", kind);
    node.put("n", n);
    if (kind.equals(SAMPLE)) {
      node.put("seed", seed);
    }
    return node;
  }

  /** Reads {@link #toJson()}; null for a missing or null node. */
  public static Subset fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return new Subset(
        node.path("kind").asText(), node.path("n").asInt(), node.path("seed").asLong());
  }

  /** For people: {@code first 20 documents of each dataset}. */
  public String describe() {
    return kind.equals(LIMIT)
        ? "the first " + n + " documents of each dataset"
        : n + " documents of each dataset sampled with seed " + seed;
  }
}
