package org.ncer.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ncer.NcerException;
import org.ncer.dataset.DatasetSpec.RemoteFile;
import org.ncer.dataset.DatasetSpec.Unpack;

/**
 * Downloads a dataset's original files into {@code <dataDir>/<folder>/raw/}, checks them against
 * the SHA-256 sums of its descriptor, and unpacks archives.
 *
 * <p>All files of a dataset are fetched into a staging folder beside {@code raw/} first and moved
 * into place only once every one of them is verified, each by an atomic rename: a checksum mismatch
 * or a dropped connection leaves {@code raw/} as it was and no partial file anywhere. Files already
 * present with the right checksum are not fetched again.
 */
public final class DatasetPull {

  private static final long GIB = 1L << 30;

  /** Biggest archive member unpacked, against a damaged or hostile archive. */
  private static final long MAX_MEMBER_BYTES = GIB;

  /**
   * Network limits.
   *
   * @param connect time to open a connection
   * @param response time from request to the response headers
   * @param idle longest pause while the body arrives
   */
  public record Timeouts(Duration connect, Duration response, Duration idle) {
    public Timeouts {
      Objects.requireNonNull(connect, "connect");
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(idle, "idle");
    }

    /** 30 s to connect, 60 s to the headers, 60 s of silence in the body. */
    public static Timeouts ofDefaults() {
      return new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }
  }

  /** Hears about each file; the command line prints a line per call. */
  public interface Listener {
    /** A download of {@code name} from {@code url} starts. */
    void fetching(String dataset, String name, URI url);

    /**
     * {@code name} is downloaded and verified ({@code bytes} read; it is moved in once all files
     * are), or already present with the right checksum ({@code bytes} is -1).
     */
    void done(String dataset, String name, long bytes);
  }

  private final HttpClient client;
  private final Timeouts timeouts;
  private final Listener listener;

  public DatasetPull(Timeouts timeouts, Listener listener) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeouts.connect())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * The address of {@code file}: under the descriptor's base URL, or under {@code <mirror>/<dataset
   * key>/} when a mirror is given.
   */
  public static URI url(DatasetSpec spec, RemoteFile file, String mirrorOrNull) {
    String base =
        mirrorOrNull == null
            ? spec.source().baseUrl()
            : (mirrorOrNull.endsWith("/") ? mirrorOrNull : mirrorOrNull + "/") + spec.key() + "/";
    try {
      URI uri = new URI(base + file.path());
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
        throw new NcerException("download address must be http(s): " + uri);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new NcerException(
          "bad download address '" + base + file.path() + "': " + e.getReason());
    }
  }

  /**
   * Fetches every file of {@code spec} that is missing or (with {@code force}) all of them.
   *
   * @param mirrorOrNull a base address replacing the descriptor's, laid out as {@code
   *     <mirror>/<key>/<path>}
   */
  public void pull(DatasetSpec spec, Path dataDir, String mirrorOrNull, boolean force) {
    Path raw = spec.rawDir(dataDir);
    try {
      // Only the dataset's folder: raw/ appears with the first file moved in, so that a failed
      // first pull leaves none.
      Files.createDirectories(raw.getParent());
      Path staging = Files.createTempDirectory(raw.getParent(), ".pull-");
      try {
        List<Runnable> moves = new ArrayList<>();
        for (RemoteFile file : spec.source().files()) {
          Runnable move = fetch(spec, file, raw, staging, mirrorOrNull, force);
          if (move != null) {
            moves.add(move);
          }
        }
        moves.forEach(Runnable::run);
      } finally {
        deleteTree(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write under " + raw, e);
    }
  }

  /** Fetches and verifies one file into {@code staging}; returns the move into place, or null. */
  private Runnable fetch(
      DatasetSpec spec, RemoteFile file, Path raw, Path staging, String mirror, boolean force)
      throws IOException {
    Unpack unpack = file.unpack();
    if (unpack == null) {
      Path target = raw.resolve(file.saveAs());
      if (!force && Files.isRegularFile(target) && Checksums.of(target).equals(file.sha256())) {
        listener.done(spec.key(), file.saveAs(), -1);
        return null;
      }
      URI url = url(spec, file, mirror);
      Path part = staging.resolve("file-" + file.saveAs().replace('/', '_'));
      listener.fetching(spec.key(), file.saveAs(), url);
      Download d = download(url, part);
      if (!d.sha256.equals(file.sha256())) {
        throw mismatch(url, "SHA-256", file.sha256(), d.sha256);
      }
      listener.done(spec.key(), file.saveAs(), d.bytes);
      return () -> moveFile(part, target);
    }
    Path target = raw.resolve(unpack.into());
    Predicate<String> include = Checksums.nameMatcher(unpack.include());
    if (!force
        && Files.isDirectory(target)
        && Checksums.ofContent(target, include).equals(unpack.contentSha256())) {
      listener.done(spec.key(), unpack.into() + "/", -1);
      return null;
    }
    URI url = url(spec, file, mirror);
    Path archive = staging.resolve("archive-" + file.fileName());
    listener.fetching(spec.key(), file.fileName(), url);
    Download d = download(url, archive);
    Path unpacked =
        Files.createDirectory(staging.resolve("unpacked-" + unpack.into().replace('/', '_')));
    unzip(url, archive, unpacked, include);
    String content = Checksums.ofContent(unpacked, include);
    if (!content.equals(unpack.contentSha256())) {
      throw mismatch(
          url,
          "content SHA-256 (of the files kept from the archive)",
          unpack.contentSha256(),
          content);
    }
    listener.done(spec.key(), unpack.into() + "/", d.bytes);
    Path old = staging.resolve("replaced-" + target.getFileName());
    return () -> moveFolder(unpacked, target, old);
  }

  private static NcerException mismatch(URI url, String what, String expected, String actual) {
    return new NcerException(
        url
            + ": "
            + what
            + " mismatch: expected "
            + expected
            + ", got "
            + actual
            + "; nothing was written");
  }

  private record Download(long bytes, String sha256) {}

  /** Streams {@code url} into {@code file}, hashing as it goes. */
  private Download download(URI url, Path file) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeouts.response()).GET().build();
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofPublisher());
    } catch (IOException e) {
      throw failed(url, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NcerException(url + ": download interrupted; nothing was written");
    }
    BodyQueue body = new BodyQueue();
    response.body().subscribe(body);
    if (response.statusCode() != 200) {
      body.cancel();
      throw new NcerException(
          url + ": HTTP " + response.statusCode() + " instead of the file; nothing was written");
    }
    MessageDigest md = Checksums.sha256();
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (List<ByteBuffer> chunk; (chunk = body.next(timeouts.idle())) != null; ) {
        for (ByteBuffer buffer : chunk) {
          byte[] data = new byte[buffer.remaining()];
          buffer.get(data);
          out.write(data);
          md.update(data);
          bytes += data.length;
        }
      }
    } catch (IOException e) {
      body.cancel();
      throw failed(url, bytes, e);
    }
    long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (expected >= 0 && expected != bytes) {
      throw new NcerException(
          url
              + ": connection closed after "
              + bytes
              + " of "
              + expected
              + " bytes; nothing was written");
    }
    return new Download(bytes, Checksums.hex(md.digest()));
  }

  private static NcerException failed(URI url, long bytes, Exception e) {
    Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new NcerException(
        url + ": download failed after " + bytes + " bytes (" + reason + "); nothing was written",
        e);
  }

  /**
   * Receives the body one chunk at a time, so that the reading thread can give up after the idle
   * timeout: the JDK client has no read timeout of its own, and its blocking body stream ignores
   * interrupts.
   */
  private static final class BodyQueue implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      items.add(t);
    }

    @Override
    public void onComplete() {
      items.add(END);
    }

    /** The next chunk, or null at the end of the body. */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next(Duration idle) throws IOException {
      Object item;
      try {
        item = items.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (item == null) {
        throw new IOException("no data for " + idle.toMillis() + " ms");
      }
      if (item == END) {
        return null;
      }
      if (item instanceof Throwable t) {
        throw t instanceof IOException io ? io : new IOException(t);
      }
      subscription.request(1);
      return (List<ByteBuffer>) item;
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /**
   * Extracts the members of {@code archive} whose file names {@code include} accepts into {@code
   * dir}, flat, by file name. Folders inside the archive are ignored, and so is macOS metadata
   * ({@code __MACOSX/}, {@code ._*}).
   */
  static void unzip(URI url, Path archive, Path dir, Predicate<String> include) throws IOException {
    unzip(url, archive, dir, include, MAX_MEMBER_BYTES);
  }

  /**
   * As {@link #unzip(URI, Path, Path, Predicate)}, failing as soon as a member passes {@code
   * maxMemberBytes}: at most that much of it is written.
   */
  static void unzip(URI url, Path archive, Path dir, Predicate<String> include, long maxMemberBytes)
      throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String path = entry.getName().replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (entry.isDirectory()
            || name.isEmpty()
            || name.startsWith("._")
            || path.startsWith("__MACOSX/")
            || path.contains("/__MACOSX/")
            || !include.test(name)) {
          continue;
        }
        if (!names.add(name)) {
          throw new NcerException(url + ": the archive holds two files named " + name);
        }
        // Counted while copying: an oversized member stops at the limit, not at a full disk.
        try (InputStream in = zip.getInputStream(entry);
            OutputStream out =
                Files.newOutputStream(dir.resolve(name), StandardOpenOption.CREATE_NEW)) {
          byte[] buffer = new byte[1 << 16];
          long total = 0;
          for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxMemberBytes) {
              throw new NcerException(
                  url + ": archive member " + path + " is larger than " + size(maxMemberBytes));
            }
            out.write(buffer, 0, n);
          }
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new NcerException(url + ": not a readable zip archive (" + e.getMessage() + ")", e);
    }
  }

  /** {@code 1 GiB} for whole gibibytes, else {@code <n> bytes}. */
  private static String size(long bytes) {
    return bytes % GIB == 0 ? bytes / GIB + " GiB" : bytes + " bytes";
  }

  private static void moveFile(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not move " + from + " to " + to, e);
    }
  }

  /** Puts folder {@code from} at {@code to}, moving an existing {@code to} aside to {@code old}. */
  private static void moveFolder(Path from, Path to, Path old) {
    try {
      Files.createDirectories(to.getParent());
      if (Files.exists(to)) {
        Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException("could not replace " + to, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not move " + from + " to " + to, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
