package org.ncer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncer.Json;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The report in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs). Fails, rather than skips, when they are missing.
 */
class ReportBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path tmp;
  private WebDriver driver;

  @BeforeEach
  void startBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      fail(
          "the browser test needs "
              + CHROMIUM
              + " and "
              + DRIVER
              + ": apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver path is set explicitly, so Selenium Manager downloads nothing.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void reportLoadsCleanShowsTheJsonNumbersFiltersAndRunsNoScriptFromNotes() throws IOException {
    // given
    ReportFixture f = ReportFixture.create(tmp);
    Path out = tmp.resolve("out");
    assertEquals(0, f.report(out).code());
    JsonNode board =
        Json.mapper()
            .readTree(Files.readString(out.resolve("leaderboard.json"), StandardCharsets.UTF_8));

    // when
    driver.get(out.resolve("report.html").toUri().toString());

    // then: no console errors
    List<LogEntry> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    assertTrue(severe.isEmpty(), "console: " + severe);

    // and the tables hold leaderboard.json's numbers
    int checked = 0;
    for (JsonNode run : board.path("runs")) {
      String id = run.path("id").asText();
      for (var it = run.path("span").path("by_label").fields(); it.hasNext(); ) {
        var e = it.next();
        assertEquals(format(e.getValue().asDouble()), cell(id, "span", e.getKey()));
        checked++;
      }
      assertEquals(
          format(run.path("token").path("average").asDouble()), cell(id, "token", "average"));
      assertEquals(
          format(run.path("by_dataset").path("notes").path("strict").asDouble()),
          cell(id, "strict", "notes"));
      checked += 2;
    }
    assertEquals(8, checked);

    // and the filters change what is shown
    String all = driver.findElement(By.id("match-count")).getText();
    assertEquals("6 documents match", all);
    new Select(driver.findElement(By.id("f-kind"))).selectByValue("spurious");
    String spurious = driver.findElement(By.id("match-count")).getText();
    assertNotEquals(all, spurious);
    assertEquals("1 documents match", spurious); // run B's "Took"; "<b>bold</b>" is unplaced
    new Select(driver.findElement(By.id("f-run")))
        .selectByVisibleText(board.path("runs").path(0).path("name").asText());
    assertEquals("0 documents match", driver.findElement(By.id("match-count")).getText());
    new Select(driver.findElement(By.id("f-kind"))).selectByValue("");
    new Select(driver.findElement(By.id("f-run"))).selectByValue("");
    new Select(driver.findElement(By.id("f-label"))).selectByValue("drug");
    new Select(driver.findElement(By.id("f-kind"))).selectByValue("wrong_label");
    assertEquals("2 documents match", driver.findElement(By.id("match-count")).getText());

    // and a note holding <script> shows as text and runs nothing
    new Select(driver.findElement(By.id("f-label"))).selectByValue("");
    new Select(driver.findElement(By.id("f-kind"))).selectByValue("");
    WebElement hostile = driver.findElement(By.cssSelector("#doc-list li[data-doc='r1/notes/a']"));
    hostile.click();
    WebElement note = driver.findElement(By.cssSelector("#doc-view .notebox"));
    assertTrue(note.getText().contains("<script>window.__pwned=1</script>"), note.getText());
    assertTrue(driver.findElements(By.cssSelector("#doc-view img")).isEmpty());
    assertNull(((JavascriptExecutor) driver).executeScript("return window.__pwned;"));
    // the raw answer is one click away
    driver.findElement(By.cssSelector("#doc-view details.raw-answer summary")).click();
    String raw = driver.findElement(By.cssSelector("#doc-view pre.raw")).getText();
    assertTrue(raw.contains("<b>bold</b>"), raw);
    assertTrue(driver.findElements(By.cssSelector("#doc-view b")).isEmpty());
    assertTrue(driver.findElements(By.cssSelector("#doc-view tr[data-kind='missed']")).isEmpty());
  }

  private String cell(String run, String metric, String key) {
    return driver
        .findElement(
            By.cssSelector(
                "td[data-run='" + run + "'][data-metric='" + metric + "'][data-key='" + key + "']"))
        .getText();
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
