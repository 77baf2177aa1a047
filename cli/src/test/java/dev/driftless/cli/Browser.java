package dev.driftless.cli;

import dev.driftless.testkit.TestTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian chromium driven through its own chromedriver, for the dashboard's browser tests. Both
 * binaries come from {@code scripts/testenv install}; a missing one fails the test (never skips it). The
 * driver's path is given to Selenium, so Selenium Manager, which would look for and download a driver, never
 * runs. Each browser gets a fresh profile in a temporary directory, deleted on {@link #close()}.
 */
final class Browser implements AutoCloseable {

  private static final String ACCESSIBILITY_CHECK = "browser/accessibility-check.js";
  private static final int PAGE_TEXT_IN_FAILURES = 2_000;
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Every host name but loopback's resolves to nothing: even with background networking off, chromium still
   * asks Google's autofill, account, update and time services and the default search engine (seen in a net
   * log of BrowserIT), and a test browser has no business outside this machine.
   */
  private static final String ONLY_LOOPBACK =
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost";
  /**
   * Selenium warns at every start that it has no DevTools bindings for Debian's newer chromium; the tests use
   * WebDriver only, never DevTools, so the warning says nothing. Held here so the setting is not collected.
   */
  private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> consoleErrors = new ArrayList<>();

  private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts chromedriver on a free loopback port and a headless chromium with a fresh profile. */
  static Browser start() {
    TestTools tools = TestTools.load();
    Path profile = BrowserProfile.create();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(tools.chromedriver().toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(tools.chromium().toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,860", "--lang=en-US", "--user-data-dir=" + profile, ONLY_LOOPBACK);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    try {
      return new Browser(service, new ChromeDriver(service, options), profile);
    } catch (WebDriverException e) {
      service.stop();
      BrowserProfile.delete(profile);
      throw new IllegalStateException("chromium did not start (" + tools.chromium() + " driven by "
          + tools.chromedriver() + "): " + e.getMessage(), e);
    }
  }

  /** The driver itself, for what the helpers here do not cover (it also runs scripts and reads capabilities). */
  ChromeDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits until an element matching {@code by} is visible; fails naming it and the page's text if none is. */
  WebElement waitFor(By by, Duration timeout) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(by), timeout, by + " to be visible");
  }

  /**
   * Waits until {@code condition} returns neither null nor false; fails with an {@link AssertionError} naming
   * {@code what} was awaited and the page's visible text. A condition that meets an element the page has just
   * replaced (the pages re-render as they poll) is asked again.
   */
  <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout, String what) {
    try {
      return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what + " on "
          + driver.getCurrentUrl() + "; the page shows:\n" + visibleText(), e);
    }
  }

  /** The visible text of the element matching {@code by}, once it is visible (waits up to 10 s). */
  String text(By by) {
    return waitUntil(d -> {
      WebElement e = ExpectedConditions.visibilityOfElementLocated(by).apply(d);
      return e == null ? null : e.getText();
    }, Duration.ofSeconds(10), by + " to be visible");
  }

  /** Clicks the element matching {@code by} once it is clickable (waits up to 10 s). */
  void click(By by) {
    waitUntil(d -> {
      WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (e == null) return false;
      e.click();
      return true;
    }, Duration.ofSeconds(10), by + " to be clickable");
  }

  /**
   * Writes the viewport as a small PNG (see {@link SmallPng}), scaled down to at most {@code maxWidth} pixels
   * wide; returns {@code png}.
   */
  Path screenshot(Path png, int maxWidth) {
    try {
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
      Files.createDirectories(png.toAbsolutePath().getParent());
      SmallPng.write(shot, maxWidth, png);
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException("screenshot " + png + ": cannot write", e);
    }
  }

  /**
   * The browser console's SEVERE entries since the browser started (script errors, failed loads, Content
   * Security Policy violations), each as "source-or-level: message".
   */
  List<String> consoleErrors() {
    // Reading the driver's log drains it, so what was read is kept for later calls.
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        consoleErrors.add(entry.getMessage());
      }
    }
    return List.copyOf(consoleErrors);
  }

  /**
   * The current page's accessibility problems, readable: controls without an accessible name, images without
   * alt, duplicate ids, controls out of keyboard reach, and text below WCAG AA contrast. Empty when none.
   */
  List<String> accessibilityProblems() {
    Object found = driver.executeScript(script(ACCESSIBILITY_CHECK));
    if (!(found instanceof List<?> problems)) {
      throw new IllegalStateException(ACCESSIBILITY_CHECK + ": returned " + found + " instead of a list");
    }
    return problems.stream().map(String::valueOf).toList();
  }

  @Override
  public void close() {
    List<ProcessHandle> chromium = chromiumProcesses();
    try {
      driver.quit();
    } finally {
      service.stop();
      awaitExit(chromium);
      BrowserProfile.delete(profile);
    }
  }

  /** This browser's chromium processes: the JVM's descendants (through chromedriver) using its profile. */
  private List<ProcessHandle> chromiumProcesses() {
    String dir = "--user-data-dir=" + profile;
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().map(line -> line.contains(dir)).orElse(false)).toList();
  }

  /**
   * Waits for chromium to end after quit (it may still write into its profile just after quit returns), then
   * ends any process left, so no test leaves one behind.
   */
  private static void awaitExit(List<ProcessHandle> chromium) {
    try {
      CompletableFuture.allOf(chromium.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .orTimeout(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    } catch (CompletionException e) {
      List<Long> left = chromium.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      throw new IllegalStateException("chromium processes " + left + " did not end within " + QUIT_TIMEOUT
          + " of quit; ended them", e);
    }
  }


  private String visibleText() {
    try {
      String text = (String) driver.executeScript(
          "return document.body ? document.body.innerText : '(no body)';");
      return text.length() <= PAGE_TEXT_IN_FAILURES ? text : text.substring(0, PAGE_TEXT_IN_FAILURES) + "...";
    } catch (WebDriverException e) {
      return "(the page's text could not be read: " + e.getMessage() + ")";
    }
  }

  private static String script(String resource) {
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + ": not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": cannot read", e);
    }
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }
}
