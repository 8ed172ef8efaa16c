package org.ncer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.ncer.NcerException;
import org.ncer.score.Matching;
import org.ncer.score.Schema;
import org.ncer.score.ScoreReport;
import org.ncer.score.ScoredDocument;
import org.ncer.score.Scorer;
import org.ncer.span.Mention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ncer bench score}: times scoring of generated documents in both matching modes. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Time span and token scoring on generated documents, in compat and corrected matching.",
      "The documents are the same for the same options: gold mentions of 1 to 3 words between"
          + " filler words, and predictions that copy, shift, shorten, relabel, repeat or miss them,"
          + " plus spurious spans and long spans that each overlap several gold mentions."
    })
final class BenchScoreCommand implements Callable<Integer> {
  private static final List<String> LABELS =
      List.of("condition", "drug", "procedure", "measurement");

  @Spec CommandSpec spec;

  @Option(
      names = "--docs",
      defaultValue = "20",
      paramLabel = "N",
      description = "Documents (default 20).")
  int docs;

  @Option(
      names = "--entities",
      defaultValue = "2000",
      paramLabel = "M",
      description = "Gold mentions per document (default 2000).")
  int entities;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Random seed (default 1).")
  long seed;

  @Override
  public Integer call() {
    if (docs < 1 || entities < 1) {
      throw new NcerException("--docs and --entities must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    long generating = System.nanoTime();
    List<ScoredDocument> generated = Synthetic.documents(docs, entities, seed);
    generating = System.nanoTime() - generating;
    long gold = generated.stream().mapToLong(d -> d.gold().size()).sum();
    long predicted = generated.stream().mapToLong(d -> d.predicted().size()).sum();
    long chars = generated.stream().mapToLong(d -> d.text().length()).sum();
    out.printf(
        Locale.ROOT,
        "%d documents x %d gold mentions (seed %d): %d gold and %d predicted mentions,"
            + " %d characters, generated in %.3f s%n",
        docs,
        entities,
        seed,
        gold,
        predicted,
        chars,
        generating / 1e9);
    long total = 0;
    for (Matching matching : Matching.values()) {
      long start = System.nanoTime();
      ScoreReport report = Scorer.score(generated, LABELS, matching);
      long elapsed = System.nanoTime() - start;
      total += elapsed;
      out.printf(
          Locale.ROOT,
          "%-9s %7.3f s   strict F1 %.4f   ent_type F1 %.4f   token macro F1 %.4f%n",
          matching.key(),
          elapsed / 1e9,
          report.span().overall(Schema.STRICT).f1(),
          report.span().overall(Schema.ENT_TYPE).f1(),
          report.token().macro().f1());
    }
    out.printf(Locale.ROOT, "scoring   %7.3f s in all%n", total / 1e9);
    out.flush();
    return 0;
  }

  /** Deterministic synthetic documents for timing. */
  static final class Synthetic {
    private static final String[] FILLER = {
      "the",
      "patient",
      "was",
      "given",
      "for",
      "and",
      "with",
      "after",
      "no",
      "history",
      "of",
      "on",
      "day",
      "mg",
      "daily",
      "reported",
      "showed",
      "in",
      "a",
      "to"
    };
    private static final String[] TERMS = {
      "chest",
      "pain",
      "heart",
      "failure",
      "aspirin",
      "metformin",
      "type-2",
      "diabetes",
      "biopsy",
      "HbA1c",
      "blood",
      "pressure",
      "asthma",
      "insulin",
      "CT",
      "scan",
      "sepsis",
      "IL-6",
      "fever",
      "renal"
    };

    private Synthetic() {}

    static List<ScoredDocument> documents(int docs, int entities, long seed) {
      SplittableRandom root = new SplittableRandom(seed);
      List<ScoredDocument> out = new ArrayList<>(docs);
      for (int d = 0; d < docs; d++) {
        out.add(document(root.split(), entities));
      }
      return out;
    }

    private static ScoredDocument document(SplittableRandom r, int entities) {
      StringBuilder text = new StringBuilder();
      List<Mention> gold = new ArrayList<>(entities);
      List<int[]> words = new ArrayList<>();
      for (int e = 0; e < entities; e++) {
        for (int f = r.nextInt(4); f > 0; f--) {
          words.add(append(text, FILLER[r.nextInt(FILLER.length)]));
        }
        int start = -1;
        int end = -1;
        for (int w = 1 + r.nextInt(3); w > 0; w--) {
          int[] word = append(text, TERMS[r.nextInt(TERMS.length)]);
          words.add(word);
          start = start < 0 ? word[0] : start;
          end = word[1];
        }
        gold.add(Mention.of(start, end, LABELS.get(r.nextInt(LABELS.size()))));
      }
      text.append('.');
      List<Mention> predicted = new ArrayList<>();
      for (Mention g : gold) {
        double roll = r.nextDouble();
        if (roll < 0.55) {
          predicted.add(g);
        } else if (roll < 0.65) {
          int end = Math.max(g.start() + 1, Math.min(text.length(), g.end() + r.nextInt(7) - 3));
          predicted.add(Mention.of(g.start(), end, g.label()));
        } else if (roll < 0.75) {
          predicted.add(Mention.of(g.start(), g.end(), LABELS.get(r.nextInt(LABELS.size()))));
        } else if (roll < 0.85) {
          // missed: no prediction for this gold mention
        } else if (roll < 0.95) {
          predicted.add(Mention.of(g.start(), Math.min(g.end(), g.start() + 4), g.label()));
        } else {
          predicted.add(g);
          predicted.add(g);
        }
      }
      for (int s = 0; s < entities / 10; s++) {
        int[] word = words.get(r.nextInt(words.size()));
        predicted.add(Mention.of(word[0], word[1], LABELS.get(r.nextInt(LABELS.size()))));
      }
      for (int s = 0; s < Math.max(1, entities / 100); s++) {
        int first = r.nextInt(words.size());
        int last = Math.min(words.size() - 1, first + 30);
        predicted.add(Mention.of(words.get(first)[0], words.get(last)[1], "condition"));
      }
      // The benchmark sorts an LLM's spans by start, longest first, before scoring.
      predicted.sort(
          Comparator.comparingInt(Mention::start)
              .thenComparing(Comparator.comparingInt(Mention::end).reversed())
              .thenComparing(Mention::label));
      return new ScoredDocument(text.toString(), gold, predicted);
    }

    private static int[] append(StringBuilder text, String word) {
      if (text.length() > 0) {
        text.append(' ');
      }
      int start = text.length();
      text.append(word);
      return new int[] {start, text.length()};
    }
  }
}
