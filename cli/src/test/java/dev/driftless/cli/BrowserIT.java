package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The browser test helper against pages served from the test resources with the dashboard's Content Security
 * Policy: each check is shown to find what it looks for, and to stay quiet on a clean page.
 */
class BrowserIT {

  /** The policy the dashboard's server sends (the contract of issue 19). */
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static HttpServer server;
  private static Browser browser;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", BrowserIT::serve);
    server.start();
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void clickingAButtonChangesTheTextTheTestWaitsFor() {
    browser.open(url("page.html"));
    assertThat(browser.text(By.id("message"))).isEqualTo("Not clicked yet");

    browser.click(By.id("change"));

    browser.waitUntil(d -> d.findElement(By.id("message")).getText().equals("Changed by the button"), WAIT,
        "the message to change");
  }

  @Test
  void aScreenshotIsAPaletteColourPngScaledDownToTheMaximumWidth(@TempDir Path dir) throws IOException {
    browser.open(url("clean.html"));
    browser.waitFor(By.id("change"), WAIT);
    Path png = dir.resolve("shots/clean.png");
    Files.createDirectories(png.getParent());
    Files.write(png, new byte[200_000]);

    browser.screenshot(png, 640);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG that ImageIO reads back").isNotNull();
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getColorModel()).isInstanceOf(IndexColorModel.class);
    assertThat(Files.size(png)).as("replacing a longer file").isLessThan(120_000);
  }

  @Test
  void accessibilityProblemsNameEachBadElement() {
    browser.open(url("page.html"));
    browser.waitFor(By.id("change"), WAIT);

    assertThat(browser.accessibilityProblems()).satisfiesExactlyInAnyOrder(
        p -> assertThat(p).startsWith("input#unlabeled[type=text] has no accessible name"),
        p -> assertThat(p).startsWith("p#faint.faint \"This grey text is hard to read\" has contrast 2.32:1,"
            + " below 4.5:1 (#aaaaaa on #ffffff)"),
        p -> assertThat(p).startsWith("img#unexplained").contains("has no alt text"),
        p -> assertThat(p).startsWith("button#unreachable").contains("cannot be reached by keyboard"),
        p -> assertThat(p).startsWith("div#clickable").contains("has a click handler but cannot be reached"),
        p -> assertThat(p).startsWith("span#pretend").endsWith("cannot be reached by keyboard (not focusable:"
            + " give it tabindex=\"0\")"),
        p -> assertThat(p).isEqualTo("id \"twice\" is used by 2 elements"));
  }

  @Test
  void accessibilityProblemsAreEmptyOnACleanPage() {
    browser.open(url("clean.html"));
    browser.waitFor(By.id("change"), WAIT);

    assertThat(browser.accessibilityProblems()).isEmpty();
  }

  @Test
  void consoleErrorsReportAnInlineScriptTheContentSecurityPolicyRefuses() {
    browser.consoleErrors();
    browser.open(url("clean.html"));
    browser.waitFor(By.id("change"), WAIT);
    int before = browser.consoleErrors().size();

    browser.open(url("csp-violation.html"));
    browser.waitFor(By.tagName("p"), WAIT);

    assertThat(browser.consoleErrors()).hasSize(before + 1)
        .last().asString().contains("Content Security Policy").contains("script-src 'self'");
    assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-inline"))
        .as("the inline script did not run").isNull();
  }

  @Test
  void consoleErrorsStayEmptyOnPagesThatKeepToThePolicy() {
    int before = browser.consoleErrors().size();

    browser.open(url("clean.html"));
    browser.click(By.id("change"));
    browser.open(url("page.html"));
    browser.click(By.id("change"));

    assertThat(browser.consoleErrors()).hasSize(before);
  }

  @Test
  void aWaitThatTimesOutNamesWhatItAwaitedAndThePageText() {
    browser.open(url("clean.html"));
    browser.waitFor(By.id("change"), WAIT);

    assertThatThrownBy(() -> browser.waitFor(By.id("absent"), Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("By.id: absent to be visible")
        .hasMessageContaining("White text on a dark banner");
  }

  @Test
  void theBrowserResolvesNoHostNameButLocalhost() throws IOException {
    // The machine's own name is an alias of 127.0.0.1 here and in CI (/etc/hosts), so without the browser's
    // resolver rule the page would load through it.
    String name = InetAddress.getLocalHost().getHostName();
    browser.open(url("clean.html"));
    browser.waitFor(By.id("change"), WAIT);

    assertThatThrownBy(() -> browser.open(url("clean.html").replace("127.0.0.1", name)))
        .as("clean.html through " + name).hasMessageContaining("ERR_NAME_NOT_RESOLVED");
  }

  @Test
  void closingABrowserEndsItsChromiumAndDeletesItsProfile() {
    Path profile;
    List<ProcessHandle> chromium;
    try (Browser own = Browser.start()) {
      Map<?, ?> chrome = (Map<?, ?>) own.driver().getCapabilities().getCapability("chrome");
      profile = Path.of((String) chrome.get("userDataDir"));
      chromium = ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("--user-data-dir=" + profile)).toList();
      assertThat(profile).isDirectory();
      assertThat(chromium).as("chromium's processes").isNotEmpty();
    }

    assertThat(chromium).noneMatch(ProcessHandle::isAlive);
    assertThat(profile).doesNotExist();
  }

  @Test
  void seleniumManagerNeverRuns() {
    // The failsafe configuration points Selenium Manager's cache here; had it run, it would have put its
    // binary there before looking for a driver.
    String cache = System.getProperty("SE_CACHE_PATH");

    assertThat(cache).as("SE_CACHE_PATH, set by the cli's failsafe configuration").isNotNull();
    assertThat(Path.of(cache)).doesNotExist();
  }

  private static String url(String page) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + page;
  }

  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring(1);
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      try (InputStream in = name.contains("/") || type == null ? null
          : BrowserIT.class.getClassLoader().getResourceAsStream("browser/" + name)) {
        if (in == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = in.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }
}
