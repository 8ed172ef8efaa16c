package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Keeps {@code docs/commands.md} equal to the {@code --help} text of every command.
 *
 * <p>The page holds one section per command, in the order picocli lists them, between two marker
 * lines. Each section is checked against {@code Main.run(out, err, <command>..., "--help")}; a
 * difference fails with a line diff. Run with {@code -Dncer.docs.update=true} to rewrite the
 * generated part of the page from the current commands:
 *
 * <pre>mvn -o -q test -Dtest=CommandDocsTest -Dncer.docs.update=true</pre>
 */
final class CommandDocsTest {
  static final Path PAGE = Path.of("docs", "commands.md");
  static final String BEGIN =
      "<!-- BEGIN GENERATED HELP: written by CommandDocsTest with -Dncer.docs.update=true -->";
  static final String END = "<!-- END GENERATED HELP -->";
  static final String REGENERATE = "mvn -o -q test -Dtest=CommandDocsTest -Dncer.docs.update=true";

  private static final Pattern SECTION =
      Pattern.compile("(?m)^### `([^`\\n]+)`\\n\\n(`{3,})text\\n(.*?)^\\2\\n", Pattern.DOTALL);
  private static final Pattern BACKTICKS = Pattern.compile("(?m)^`+");

  @TestFactory
  List<DynamicTest> everyCommandHelpIsOnThePage() throws IOException {
    Map<String, String> help = helpTexts();
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("ncer.docs.update")) {
      page = withBlock(page, render(help));
      Files.writeString(PAGE, page, StandardCharsets.UTF_8);
    }
    Map<String, String> documented = sections(block(page));
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> e : help.entrySet()) {
      String name = e.getKey();
      String expected = e.getValue();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                String actual = documented.get(name);
                if (actual == null) {
                  fail(PAGE + " has no section for `" + name + "`; regenerate it: " + REGENERATE);
                }
                if (!actual.equals(expected)) {
                  fail(
                      PAGE
                          + " is out of date for `"
                          + name
                          + "` (- on the page, + from --help); regenerate it: "
                          + REGENERATE
                          + "\n"
                          + diff(actual, expected));
                }
              }));
    }
    tests.add(
        DynamicTest.dynamicTest(
            "no section for a command that does not exist",
            () -> {
              List<String> stale = new ArrayList<>(documented.keySet());
              stale.removeAll(help.keySet());
              assertTrue(
                  stale.isEmpty(),
                  () ->
                      PAGE + " documents commands that do not exist: " + stale + "; " + REGENERATE);
            }));
    tests.add(
        DynamicTest.dynamicTest(
            "sections in the order of the commands",
            () ->
                assertEquals(
                    List.copyOf(help.keySet()),
                    List.copyOf(documented.keySet()),
                    () -> "the sections of " + PAGE + " are out of order; " + REGENERATE)));
    return tests;
  }

  @Test
  void walkFindsNestedSubcommands() {
    Map<String, String> help = helpTexts();
    assertTrue(help.containsKey("ncer"), help.keySet()::toString);
    assertTrue(help.containsKey("ncer run"), help.keySet()::toString);
    assertTrue(help.containsKey("ncer datasets list"), help.keySet()::toString);
    assertTrue(help.containsKey("ncer bench score"), help.keySet()::toString);
    assertTrue(help.get("ncer datasets list").startsWith("Usage: ncer datasets list"));
  }

  @Test
  void sectionsReadBackWhatRenderWrote() {
    Map<String, String> help = new LinkedHashMap<>();
    help.put("ncer", "Usage: ncer [COMMAND]\n  -h, --help\n");
    help.put("ncer run", "Usage: ncer run\n\n```\n  --out=DIR\n");
    assertEquals(
        help, sections(block(withBlock("# Title\n" + BEGIN + "\n" + END + "\n", render(help)))));
  }

  @Test
  void diffShowsRemovedAndAddedLines() {
    String d = diff("a\nb\nc\n", "a\nB\nc\nd\n");
    assertEquals("  a\n- b\n+ B\n  c\n+ d\n", d);
  }

  @Test
  void diffLeavesOutUnchangedLinesFarFromAChange() {
    String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    String b = "1\n2\n3\n4\n5\n6\n7\n8\n9\nten\n";
    assertEquals("  ...\n  7\n  8\n  9\n- 10\n+ ten\n", diff(a, b));
  }

  /** The --help text of every command, keyed by its full name, in the order picocli lists them. */
  static Map<String, String> helpTexts() {
    Map<String, String> help = new LinkedHashMap<>();
    walk(new CommandLine(new Main()), new ArrayList<>(), help, new IdentityHashMap<>());
    return help;
  }

  private static void walk(
      CommandLine cmd,
      List<String> path,
      Map<String, String> help,
      Map<CommandLine.Model.CommandSpec, Boolean> seen) {
    if (seen.put(cmd.getCommandSpec(), Boolean.TRUE) != null) {
      return; // an alias of a command already walked
    }
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    help.put(
        path.isEmpty() ? "ncer" : "ncer " + String.join(" ", path),
        helpOf(args.toArray(String[]::new)));
    for (CommandLine sub : cmd.getSubcommands().values()) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getCommandName());
      walk(sub, next, help, seen);
    }
  }

  private static String helpOf(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, args);
    }
    String text = out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    assertEquals(
        0, code, () -> String.join(" ", args) + " failed: " + err.toString(StandardCharsets.UTF_8));
    assertTrue(!text.isBlank(), () -> String.join(" ", args) + " printed nothing");
    return text.endsWith("\n") ? text : text + "\n";
  }

  /** The generated part of the page: one section per command. */
  static String render(Map<String, String> help) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : help.entrySet()) {
      // A fence longer than any run of backticks that starts a line of the text, so that the
      // text cannot close it.
      int longest = 2;
      Matcher m = BACKTICKS.matcher(e.getValue());
      while (m.find()) {
        longest = Math.max(longest, m.group().length());
      }
      String fence = "`".repeat(longest + 1);
      sb.append("\n### `").append(e.getKey()).append("`\n\n").append(fence).append("text\n");
      sb.append(e.getValue()).append(fence).append('\n');
    }
    return sb.toString();
  }

  /** The text between the two marker lines. */
  static String block(String page) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      fail(PAGE + " lacks the marker lines " + BEGIN + " and " + END);
    }
    return page.substring(begin + BEGIN.length() + 1, end);
  }

  static String withBlock(String page, String generated) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      fail(PAGE + " lacks the marker lines " + BEGIN + " and " + END);
    }
    return page.substring(0, begin + BEGIN.length())
        + "\n"
        + generated
        + "\n"
        + page.substring(end);
  }

  static Map<String, String> sections(String block) {
    Map<String, String> sections = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(block);
    while (m.find()) {
      sections.put(m.group(1), m.group(3));
    }
    return sections;
  }

  /** A line diff (longest common subsequence): "- " lines only in a, "+ " lines only in b. */
  static String diff(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    int n = x.length;
    int m = y.length;
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i].equals(y[j])) {
        if (!(i == n - 1 && j == m - 1 && x[i].isEmpty())) {
          lines.add("  " + x[i]); // not the empty piece after the final newline of both texts
        }
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        lines.add("- " + x[i]);
        i++;
      } else {
        lines.add("+ " + y[j]);
        j++;
      }
    }
    return withContext(lines, 3);
  }

  /** The changed lines with {@code context} unchanged lines around each; "..." marks a gap. */
  private static String withContext(List<String> lines, int context) {
    boolean[] keep = new boolean[lines.size()];
    for (int k = 0; k < lines.size(); k++) {
      if (!lines.get(k).startsWith("  ")) {
        for (int c = Math.max(0, k - context); c <= Math.min(lines.size() - 1, k + context); c++) {
          keep[c] = true;
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    boolean gap = false;
    for (int k = 0; k < lines.size(); k++) {
      if (keep[k]) {
        sb.append(lines.get(k)).append('\n');
        gap = false;
      } else if (!gap) {
        sb.append("  ...\n");
        gap = true;
      }
    }
    return sb.toString();
  }
}
