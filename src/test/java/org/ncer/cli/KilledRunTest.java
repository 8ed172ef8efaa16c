package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.ncer.run.Journal;
import org.ncer.run.JournalEntry;

/**
 * {@code ncer run} in a JVM of its own, killed with SIGKILL at several moments while it calls a
 * local OpenAI-compatible server, then continued with {@code --resume} in a new JVM: the resumed
 * run must write what an uninterrupted run writes, ask only the calls its journal lacked, and never
 * ask again a call answered before the kill.
 *
 * <p>The server answers each note deterministically (a JSON object naming some of the note's words,
 * and now and then a string that is not in it) after 50 to 150 ms, so that calls are in flight. It
 * counts requests per note and per body. For the kills at chosen moments it answers only the first
 * N requests and holds the rest, so that exactly the held calls are in flight at the kill. Every
 * phase (the killed run, the resumed run) has a server of its own on the same port: a request the
 * killed process sent just before it died cannot be counted as one of the resumed run's.
 */
class KilledRunTest {
  private static final int DOCS = 30;
  private static final int CONCURRENCY = 3;
  private static final String[][] WORDS = {
    {"fever", "condition"},
    {"cough", "condition"},
    {"Ménière disease", "condition"},
    {"aspirin", "drug"},
    {"ibuprofen", "drug"}
  };
  private static final Pattern NOTE_ID = Pattern.compile("Note (\\d+):");
  private static final long TIMEOUT_MS = 30_000;

  @TempDir static Path tmp;
  private static Path notes;
  private static int port;
  private static Path whole;
  private static Set<String> wholeBodies;

  @BeforeAll
  static void runOnceUninterrupted() throws IOException, InterruptedException {
    notes = writeNotes(tmp.resolve("notes.jsonl"));
    whole = tmp.resolve("whole");
    try (Server server = Server.start(0, Integer.MAX_VALUE)) {
      port = server.port();
      Child c = Child.start("whole", args(whole, false));
      assertEquals(0, c.waitToEnd(), c.err());
      assertEquals(DOCS, server.received());
      assertTrue(server.askedByDocument().values().stream().allMatch(n -> n == 1));
      wholeBodies = server.bodies();
      assertEquals(DOCS, wholeBodies.size());
    }
    // The predictions are not trivial: some found, some missed, some strings not in the note.
    JsonNode metrics = Json.mapper().readTree(whole.resolve("metrics/notes.json").toFile());
    double f1 = metrics.path("span").path("ent_type").path("f1").asDouble(-1);
    assertTrue(f1 > 0.3 && f1 < 0.95, "span F1 " + f1);
    JsonNode grounding = Json.mapper().readTree(whole.resolve("grounding/notes.json").toFile());
    assertTrue(grounding.toString().contains("not_found"), grounding.toString());
  }

  @Test
  void aRunKilledBeforeItsFirstJournalLineResumesToTheSameFiles() throws Exception {
    // given: every call is held, so the first CONCURRENCY are in flight and none is answered
    Killed k =
        kill("before-first-line", 0, (s, run) -> s.received() == CONCURRENCY && lines(run) == 0);

    // then
    assertEquals(0, k.journal().size());
    assertEquals(CONCURRENCY, k.askedByDocument().size());
    resumeAndCheck(k);
  }

  @Test
  void aRunKilledAfterAFewLinesResumesAndARunWithoutResumeIsRefused() throws Exception {
    // given: five calls answered and journaled, the next CONCURRENCY held in flight
    int answered = 5;
    Killed k =
        kill(
            "after-a-few-lines",
            answered,
            (s, run) -> s.received() == answered + CONCURRENCY && lines(run) == answered);
    assertEquals(answered, k.journal().size());
    assertEquals(answered + CONCURRENCY, k.askedByDocument().size());
    byte[] journal = Files.readAllBytes(k.run().resolve("journal.jsonl"));

    try (Server server = Server.start(port, Integer.MAX_VALUE)) {
      // when: the same command without --resume
      Child c = Child.start("after-a-few-lines-again", args(k.run(), false));

      // then
      assertEquals(2, c.waitToEnd(), c.err());
      assertTrue(c.err().contains("--resume"), c.err());
      assertTrue(c.err().contains("already holds a run"), c.err());
      assertEquals(0, server.received());
      assertArrayEquals(journal, Files.readAllBytes(k.run().resolve("journal.jsonl")));
    }
    resumeAndCheck(k);
  }

  @Test
  void aRunKilledNearTheEndResumesToTheSameFiles() throws Exception {
    // given: all but the last two calls answered; those two are in flight
    Killed k =
        kill("near-the-end", DOCS - 2, (s, run) -> s.received() == DOCS && lines(run) == DOCS - 2);

    // then
    assertEquals(DOCS - 2, k.journal().size());
    assertEquals(DOCS, k.askedByDocument().size());
    resumeAndCheck(k);
  }

  @Test
  void aRunKilledWhileCallsComeAndGoThenCutMidLineThenKilledAgainResumesToTheSameFiles()
      throws Exception {
    // given: nothing held; the kill comes when half the journal is written, whatever is in flight
    Killed first = kill("free-running", Integer.MAX_VALUE, (s, run) -> lines(run) >= DOCS / 2);
    int journaled = first.journal().size();
    assertTrue(journaled >= DOCS / 2 && journaled < DOCS, first.toString());
    checkInFlight(first);

    // and a kill in the middle of a line: the start of the line the uninterrupted run wrote for a
    // call the killed run had not journaled, cut inside a character of two bytes
    Set<String> done = documents(first.journal());
    byte[] line = null;
    for (String l : Files.readAllLines(whole.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
      if (!done.contains(Json.mapper().readTree(l).path("document").asText()) && l.contains("è")) {
        line = l.getBytes(StandardCharsets.UTF_8);
      }
    }
    assertTrue(line != null, "no line to cut");
    String text = new String(line, StandardCharsets.UTF_8);
    int cut = text.substring(0, text.indexOf('è')).getBytes(StandardCharsets.UTF_8).length + 1;
    assertEquals(0xC0, line[cut - 1] & 0xC0, "the cut ends in the first byte of a character");
    Path journalFile = first.run().resolve("journal.jsonl");
    Files.write(journalFile, Arrays.copyOf(line, cut), StandardOpenOption.APPEND);
    assertEquals(first.journal(), Journal.read(journalFile));

    // and the resumed run killed too, three answers later, with CONCURRENCY calls in flight
    Killed second =
        kill(
            "free-running-resumed-once",
            first.run(),
            first.journal(),
            3,
            (s, run) -> s.received() == 3 + CONCURRENCY && lines(run) == journaled + 3);
    assertEquals(journaled + 3, second.journal().size());

    // then
    resumeAndCheck(second);
  }

  // ---- the kill and the resume

  /** What was on disk and what the server saw when the run was killed. */
  private record Killed(
      Path run,
      List<JournalEntry> before,
      List<JournalEntry> journal,
      Map<String, Integer> askedByDocument,
      long answeredBeforeKill) {
    /** The entries the killed process journaled itself. */
    List<JournalEntry> added() {
      return journal.subList(before.size(), journal.size());
    }
  }

  @FunctionalInterface
  private interface Moment {
    boolean reached(Server server, Path run);
  }

  /**
   * Starts the run against a server that answers {@code answers} requests and holds the rest, waits
   * for {@code moment}, kills the process with SIGKILL and reads what it left.
   */
  private static Killed kill(String name, int answers, Moment moment) throws Exception {
    return kill(name, tmp.resolve(name), List.of(), answers, moment);
  }

  /**
   * The same, for the run in {@code run}: with {@code --resume} when it holds the journal {@code
   * before} already.
   */
  private static Killed kill(
      String name, Path run, List<JournalEntry> before, int answers, Moment moment)
      throws Exception {
    try (Server server = Server.start(port, answers)) {
      Child c = Child.start(name, args(run, !before.isEmpty()));
      c.await(() -> moment.reached(server, run), name);
      long killedAt = System.nanoTime();
      c.kill();
      List<JournalEntry> journal = Journal.read(run.resolve("journal.jsonl"));
      // A lock file is left behind; the operating system released the lock itself.
      assertTrue(Files.exists(run.resolve(".lock")));
      Map<String, Integer> asked = server.askedByDocument();
      Killed k = new Killed(run, before, journal, asked, server.answeredBefore(killedAt));
      assertEquals(before, journal.subList(0, before.size()), "the earlier journal is kept");
      for (JournalEntry e : before) {
        assertFalse(asked.containsKey(e.key().document()), "asked again: " + e.key());
      }
      for (JournalEntry e : k.added()) {
        assertTrue(e.answered(), e.toString());
        assertEquals(1, asked.get(e.key().document()), "asked before the kill: " + e.key());
      }
      assertEquals(journal.size(), documents(journal).size(), "a call journaled twice");
      return k;
    }
  }

  /**
   * The calls the killed process sent and did not journal were in flight at the kill (at most
   * CONCURRENCY, the client's limit), or answered by the server before the kill but not yet on
   * disk.
   */
  private static void checkInFlight(Killed k) {
    Set<String> journaled = documents(k.journal());
    long sentNotJournaled =
        k.askedByDocument().keySet().stream().filter(d -> !journaled.contains(d)).count();
    long answeredNotJournaled = k.answeredBeforeKill() - k.added().size();
    assertTrue(
        sentNotJournaled <= CONCURRENCY + answeredNotJournaled,
        sentNotJournaled + " sent and not journaled, " + answeredNotJournaled + " answered: " + k);
  }

  /**
   * Resumes the killed run in a new JVM and checks it against the uninterrupted run: the same
   * files, only the calls missing from the journal asked, each once, with the same request.
   */
  private static void resumeAndCheck(Killed k) throws Exception {
    checkInFlight(k);
    Set<String> journaled = documents(k.journal());
    Map<String, Integer> asked;
    Set<String> bodies;
    try (Server server = Server.start(port, Integer.MAX_VALUE)) {
      // when
      Child c = Child.start(k.run().getFileName() + "-resumed", args(k.run(), true));

      // then
      assertEquals(0, c.waitToEnd(), c.err());
      asked = server.askedByDocument();
      bodies = server.bodies();
    }
    for (String doc : journaled) {
      assertFalse(asked.containsKey(doc), doc + " was answered before the kill and asked again");
    }
    for (int i = 0; i < DOCS; i++) {
      String doc = "n" + i;
      if (!journaled.contains(doc)) {
        assertEquals(1, asked.getOrDefault(doc, 0), doc + " is not in the journal: asked once");
      }
    }
    assertEquals(DOCS - journaled.size(), asked.values().stream().mapToInt(n -> n).sum());
    assertTrue(wholeBodies.containsAll(bodies), "a resumed request differs from the run's own");

    assertSameFiles(whole, k.run());
    List<JournalEntry> journal = Journal.read(k.run().resolve("journal.jsonl"));
    assertEquals(DOCS, journal.size());
    assertEquals(DOCS, documents(journal).size());
    byte[] bytes = Files.readAllBytes(k.run().resolve("journal.jsonl"));
    assertEquals('\n', bytes[bytes.length - 1]);
    JsonNode manifest = Json.mapper().readTree(k.run().resolve("manifest.json").toFile());
    assertEquals(!journaled.isEmpty(), manifest.path("resumed").asBoolean());
  }

  /**
   * Every file of the uninterrupted run but the journal is in the resumed one with the same bytes;
   * the manifests are equal but for the times and {@code resumed}.
   */
  private static void assertSameFiles(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(expected)) {
      files =
          s.filter(Files::isRegularFile)
              .map(expected::relativize)
              .filter(
                  p -> !Set.of("journal.jsonl", "manifest.json", ".lock").contains(p.toString()))
              .sorted()
              .toList();
    }
    assertTrue(files.size() >= 4, files.toString());
    for (Path f : files) {
      assertArrayEquals(
          Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), "" + f);
    }
    assertEquals(comparable(expected), comparable(actual));
  }

  private static JsonNode comparable(Path run) throws IOException {
    ObjectNode m = (ObjectNode) Json.mapper().readTree(run.resolve("manifest.json").toFile());
    m.remove(List.of("started", "finished", "seconds", "resumed"));
    return m;
  }

  private static Set<String> documents(List<JournalEntry> journal) {
    return journal.stream().map(e -> e.key().document()).collect(Collectors.toSet());
  }

  /** Complete lines of the run's journal so far. */
  private static long lines(Path run) {
    Path journal = run.resolve("journal.jsonl");
    try {
      byte[] bytes = Files.readAllBytes(journal);
      long n = 0;
      for (byte b : bytes) {
        n += b == '\n' ? 1 : 0;
      }
      return n;
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> args(Path run, boolean resume) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run",
                "--model",
                "openai:sim",
                "--endpoint",
                "vllm-local",
                "--base-url",
                "http://127.0.0.1:" + port + "/v1",
                "--dataset",
                notes.toString(),
                "--concurrency",
                Integer.toString(CONCURRENCY),
                "--no-cache",
                "--quiet",
                "--out",
                run.toString()));
    if (resume) {
      a.add("--resume");
    }
    return a;
  }

  // ---- the fixture

  /** Notes with two to four of the known words each; gold is every one of them. */
  private static Path writeNotes(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      StringBuilder text = new StringBuilder("Note " + i + ":");
      ObjectNode doc = Json.mapper().createObjectNode();
      doc.put("id", "n" + i);
      ArrayNode entities = Json.mapper().createArrayNode();
      for (int w = 0; w < WORDS.length; w++) {
        if ((i + w) % 3 == 0) {
          continue;
        }
        text.append(" Has ");
        int start = text.length();
        text.append(WORDS[w][0]);
        entities
            .addObject()
            .put("start", start)
            .put("end", text.length())
            .put("label", WORDS[w][1]);
        text.append(" since day ").append(i % 5 + 1).append('.');
      }
      doc.put("text", text.toString());
      doc.set("entities", entities);
      lines.add(Json.line(doc));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The server's answer to a note: the known words in it but one in four, by the note's hash, and
   * for one note in five a string that is in no note.
   */
  static String answer(String note) {
    int h = note.hashCode();
    Map<String, List<String>> byLabel = new TreeMap<>();
    byLabel.put("condition", new ArrayList<>());
    byLabel.put("drug", new ArrayList<>());
    for (int w = 0; w < WORDS.length; w++) {
      if (note.contains(WORDS[w][0]) && Math.floorMod(h + w, 4) != 0) {
        byLabel.get(WORDS[w][1]).add(WORDS[w][0]);
      }
    }
    if (Math.floorMod(h, 5) == 0) {
      byLabel.get("condition").add("chest pain");
    }
    return Json.mapper().valueToTree(byLabel).toString();
  }

  // ---- the child JVM

  /** {@code ncer} in a JVM of its own, with its output in files. */
  private static final class Child {
    private final Process process;
    private final Path err;

    private Child(Process process, Path err) {
      this.process = process;
      this.err = err;
    }

    static Child start(String name, List<String> args) throws IOException {
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Xmx256m",
                  "-cp",
                  classpath,
                  Main.class.getName()));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command);
      // No key, no user profile file: the child sees only what the test gives it.
      pb.environment().remove("VLLM_API_KEY");
      Path home = Files.createDirectories(tmp.resolve("home"));
      pb.environment().put("HOME", home.toString());
      Path err = tmp.resolve(name + ".err");
      pb.redirectOutput(tmp.resolve(name + ".out").toFile());
      pb.redirectError(err.toFile());
      return new Child(pb.start(), err);
    }

    int waitToEnd() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("ncer did not end within 60 s: " + err());
      }
      return process.exitValue();
    }

    /** Waits for {@code moment}, polling; fails when the process ends first or after 30 s. */
    void await(BooleanSupplier moment, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
      while (!moment.getAsBoolean()) {
        if (!process.isAlive()) {
          fail(what + ": ncer ended (exit " + process.exitValue() + ") before the kill: " + err());
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          fail(what + ": the moment of the kill never came: " + err());
        }
        Thread.sleep(1);
      }
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
      assertTrue(process.isAlive(), "ncer ended before the kill: " + err());
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(128 + 9, process.exitValue(), "killed by SIGKILL");
    }

    String err() {
      try {
        return Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no standard error: " + e.getMessage() + ")";
      }
    }
  }

  // ---- the server

  /**
   * An OpenAI-compatible {@code /v1/chat/completions} on 127.0.0.1 that answers each note
   * deterministically after 50 to 150 ms, and only the first {@code answers} requests: the others
   * wait until the server is closed.
   */
  private static final class Server implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService handlers;
    private final Semaphore answers;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<String, AtomicInteger> byDocument = new ConcurrentHashMap<>();
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> answeredAt = new ConcurrentLinkedQueue<>();

    private Server(int port, int answers) throws IOException {
      this.answers = new Semaphore(answers);
      this.handlers =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "killed-run-test-server");
                t.setDaemon(true);
                return t;
              });
      this.http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      http.createContext("/v1/chat/completions", this::handle);
      http.setExecutor(handlers);
      http.start();
    }

    static Server start(int port, int answers) throws IOException {
      return new Server(port, answers);
    }

    int port() {
      return http.getAddress().getPort();
    }

    int received() {
      return received.get();
    }

    Map<String, Integer> askedByDocument() {
      Map<String, Integer> out = new TreeMap<>();
      byDocument.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    Set<String> bodies() {
      return new HashSet<>(bodies);
    }

    /** Answers the server had begun to send before {@code nanos} ({@link System#nanoTime}). */
    long answeredBefore(long nanos) {
      return answeredAt.stream().filter(t -> t - nanos < 0).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        JsonNode request = Json.mapper().readTree(body);
        String user = "";
        for (JsonNode m : request.path("messages")) {
          if (m.path("role").asText().equals("user")) {
            user = m.path("content").asText();
          }
        }
        String note = user.substring(user.lastIndexOf("Text:\n") + "Text:\n".length()).strip();
        Matcher id = NOTE_ID.matcher(note);
        if (!id.lookingAt()) {
          respond(exchange, 400, "{\"error\":{\"message\":\"no note in the request\"}}");
          return;
        }
        byDocument.computeIfAbsent("n" + id.group(1), d -> new AtomicInteger()).incrementAndGet();
        bodies.add(sha256(body));
        received.incrementAndGet();
        try {
          Thread.sleep(50 + Math.floorMod(note.hashCode(), 101));
          answers.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        answeredAt.add(System.nanoTime());
        String content = answer(note);
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", "chatcmpl-" + id.group(1));
        root.put("object", "chat.completion");
        root.put("created", 0);
        root.put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage")
            .put("prompt_tokens", user.length() / 4)
            .put("completion_tokens", content.length() / 4)
            .put("total_tokens", user.length() / 4 + content.length() / 4);
        respond(exchange, 200, root.toString());
      }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    private static String sha256(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      http.stop(0);
      handlers.shutdownNow();
    }
  }
}
