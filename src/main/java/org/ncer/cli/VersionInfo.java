package org.ncer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version and commit the running build was made from, read from a resource filtered at build
 * time.
 */
public final class VersionInfo implements CommandLine.IVersionProvider {
  private static final Properties PROPS = load();

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("/ncer-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The project version, such as {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return clean(PROPS.getProperty("version"), "unknown");
  }

  /** The abbreviated commit, with {@code -dirty} when built from uncommitted changes. */
  public static String commit() {
    String commit = clean(PROPS.getProperty("commit"), "unknown");
    return "true".equals(PROPS.getProperty("dirty")) ? commit + "-dirty" : commit;
  }

  private static String clean(String v, String fallback) {
    return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"ncer " + version() + " (commit " + commit() + ")"};
  }
}
