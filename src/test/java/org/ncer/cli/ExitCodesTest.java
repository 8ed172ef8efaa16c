package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncer.cli.Cli.ncer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ncer.TestData;
import org.ncer.cli.Cli.Result;
import picocli.CommandLine;

/** Runs every row of the command table in {@code docs/exit-codes.md}. */
class ExitCodesTest {
  private static final Path DOC = Path.of("docs", "exit-codes.md");
  private static final Pattern ROW = Pattern.compile("^\\| `ncer ([^`]*)` \\| (\\d) \\|$");
  private static final Pattern CODE = Pattern.compile("^\\| (\\d) \\| ");

  private record Row(List<String> args, int code) {}

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.add(new Row(List.of(m.group(1).split(" ")), Integer.parseInt(m.group(2))));
      }
    }
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> everyRowGivesItsExitCode() throws IOException {
    // given
    List<Row> rows = rows();
    assertTrue(rows.size() >= 15, "only " + rows.size() + " rows in " + DOC);
    return rows.stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    String.join(" ", row.args()),
                    () -> {
                      // when
                      List<String> args = new ArrayList<>(row.args());
                      if (takesDataDir(args)) {
                        args.add("--data-dir");
                        args.add(TestData.dataDir().toString());
                      }
                      Result r = ncer(args.toArray(String[]::new));
                      // then: the documented code, one "ncer: " line that names no Java class
                      assertEquals(row.code(), r.code(), r.err());
                      assertTrue(r.err().startsWith("ncer: "), r.err());
                      assertFalse(r.err().contains("Exception"), r.err());
                    }));
  }

  private static boolean takesDataDir(List<String> args) {
    CommandLine cmd = new CommandLine(new Main());
    for (String a : args) {
      CommandLine sub = cmd.getSubcommands().get(a);
      if (sub == null) {
        break;
      }
      cmd = sub;
    }
    return cmd.getCommandSpec().findOption("--data-dir") != null;
  }

  @Test
  void everyCommandHasARow() throws IOException {
    // given
    Set<String> commands = new TreeSet<>();
    collect(new CommandLine(new Main()), commands);
    Set<String> covered = new TreeSet<>();
    for (Row row : rows()) {
      CommandLine cmd = new CommandLine(new Main());
      String path = "ncer";
      for (String a : row.args()) {
        CommandLine sub = cmd.getSubcommands().get(a);
        if (sub == null) {
          break;
        }
        cmd = sub;
        path = path + " " + a;
      }
      covered.add(path);
    }
    // then
    Set<String> missing = new TreeSet<>(commands);
    missing.removeAll(covered);
    assertEquals(Set.of(), missing, "commands without a row in " + DOC);
  }

  private static void collect(CommandLine cmd, Set<String> out) {
    out.add(cmd.getCommandSpec().qualifiedName());
    cmd.getSubcommands().values().forEach(sub -> collect(sub, out));
  }

  @Test
  void theTableOfCodesListsTheCodesMainUses() throws IOException {
    // given
    Set<Integer> documented = new TreeSet<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher m = CODE.matcher(line);
      if (m.find()) {
        documented.add(Integer.parseInt(m.group(1)));
      }
    }
    // then
    assertEquals(Set.of(Main.OK, Main.FAILED, Main.USAGE, Main.INTERNAL), documented);
  }
}
