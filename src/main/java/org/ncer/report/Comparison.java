package org.ncer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ncer.Json;
import org.ncer.NcerException;

/**
 * Compares two runs dataset by dataset with the {@link PairedBootstrap} over the documents both ran
 * on (matched by document id), and says when they did not run on the same documents.
 */
public final class Comparison {
  /** How the p-value is defined, for reports and {@code --json}. */
  public static final String P_VALUE_DEFINITION =
      "two-sided paired bootstrap over documents: p = (1 + #{b : |d_b - d| >= |d|}) / (B + 1),"
          + " where d is the observed F1 difference A - B and d_b the difference in resample b of B;"
          + " the interval is the 2.5 and 97.5 percentiles of d_b";

  /** The comparison of one dataset both runs have. */
  record DatasetResult(
      String dataset,
      int aDocuments,
      int bDocuments,
      int shared,
      List<String> notes,
      List<PairedBootstrap.Result> results) {}

  private final RunData a;
  private final RunData b;
  private final int resamples;
  private final long seed;
  private final List<DatasetResult> datasets;
  private final List<String> notes = new ArrayList<>();

  private Comparison(RunData a, RunData b, int resamples, long seed) {
    this.a = a;
    this.b = b;
    this.resamples = resamples;
    this.seed = seed;
    this.datasets = new ArrayList<>();
    for (RunData.DatasetData da : a.datasets()) {
      RunData.DatasetData db = b.dataset(da.name()).orElse(null);
      if (db == null) {
        notes.add(da.name() + ": only in A");
        continue;
      }
      if (!da.analysed() || !db.analysed()) {
        notes.add(da.name() + ": no per-document counts (gold data not available); not compared");
        continue;
      }
      datasets.add(compareOne(da, db));
    }
    for (RunData.DatasetData db : b.datasets()) {
      if (a.dataset(db.name()).isEmpty()) {
        notes.add(db.name() + ": only in B");
      }
    }
    if (!a.manifest().matching().equals(b.manifest().matching())) {
      notes.add(
          "A uses "
              + a.manifest().matching()
              + " span matching and B "
              + b.manifest().matching()
              + ": span differences mix model and matching");
    }
  }

  /** Compares runs {@code a} and {@code b}; {@code resamples} at least 1. */
  public static Comparison of(RunData a, RunData b, int resamples, long seed) {
    if (resamples < 1) {
      throw new NcerException("--resamples must be at least 1, not " + resamples);
    }
    return new Comparison(a, b, resamples, seed);
  }

  private DatasetResult compareOne(RunData.DatasetData da, RunData.DatasetData db) {
    List<String> n = new ArrayList<>();
    if (!da.labels().equals(db.labels())) {
      n.add("the runs score different labels: " + da.labels() + " and " + db.labels());
    }
    if (!Objects.equals(da.entry().goldSha256(), db.entry().goldSha256())) {
      n.add("the runs were scored on different gold data (gold_sha256 differs)");
    }
    Map<String, Integer> indexB = new HashMap<>();
    for (int i = 0; i < db.predicted().size(); i++) {
      indexB.put(db.predicted().get(i).id(), i);
    }
    List<int[][]> ca = new ArrayList<>();
    List<int[][]> cb = new ArrayList<>();
    for (int i = 0; i < da.predicted().size(); i++) {
      Integer j = indexB.get(da.predicted().get(i).id());
      if (j != null) {
        ca.add(da.counts()[i]);
        cb.add(db.counts()[j]);
      }
    }
    int shared = ca.size();
    if (shared != da.predicted().size() || shared != db.predicted().size()) {
      n.add(
          "not run on the same documents: A has "
              + da.predicted().size()
              + ", B "
              + db.predicted().size()
              + "; compared on the "
              + shared
              + " both have");
    }
    List<PairedBootstrap.Result> results =
        PairedBootstrap.compare(
            da.labels(), ca.toArray(new int[0][][]), cb.toArray(new int[0][][]), resamples, seed);
    return new DatasetResult(
        da.name(), da.predicted().size(), db.predicted().size(), shared, n, results);
  }

  RunData a() {
    return a;
  }

  RunData b() {
    return b;
  }

  List<DatasetResult> datasets() {
    return datasets;
  }

  List<String> notes() {
    return notes;
  }

  /**
   * The comparison as JSON: per dataset, {@code all} and {@code by_label.<label>}, each metric
   * ({@code span_ent_type}, {@code span_strict}, {@code token}) an object with {@code a}, {@code
   * b}, {@code difference}, {@code ci_low}, {@code ci_high} and {@code p_value} (F1 on a 0..1
   * scale).
   */
  public ObjectNode toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("a", a.name());
    root.put("a_folder", a.folder().toString());
    root.put("b", b.name());
    root.put("b_folder", b.folder().toString());
    root.put("resamples", resamples);
    root.put("seed", seed);
    root.put("p_value", P_VALUE_DEFINITION);
    ArrayNode rootNotes = root.putArray("notes");
    notes.forEach(rootNotes::add);
    ObjectNode ds = root.putObject("datasets");
    for (DatasetResult d : datasets) {
      ObjectNode n = ds.putObject(d.dataset());
      ObjectNode docs = n.putObject("documents");
      docs.put("a", d.aDocuments());
      docs.put("b", d.bDocuments());
      docs.put("shared", d.shared());
      ArrayNode dn = n.putArray("notes");
      d.notes().forEach(dn::add);
      ObjectNode all = n.putObject("all");
      ObjectNode byLabel = n.putObject("by_label");
      for (PairedBootstrap.Result r : d.results()) {
        ObjectNode target = r.label() == null ? all : objectOf(byLabel, r.label());
        ObjectNode m = target.putObject(r.metric());
        m.put("a", r.a());
        m.put("b", r.b());
        m.put("difference", r.difference());
        m.put("ci_low", r.ciLow());
        m.put("ci_high", r.ciHigh());
        m.put("p_value", r.pValue());
      }
    }
    return root;
  }

  private static ObjectNode objectOf(ObjectNode parent, String field) {
    return parent.has(field) ? (ObjectNode) parent.get(field) : parent.putObject(field);
  }
}
