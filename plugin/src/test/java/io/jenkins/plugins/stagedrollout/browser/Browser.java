package io.jenkins.plugins.stagedrollout.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (both named: nothing is downloaded). Every page
 * opened is checked: no console error, no Content-Security-Policy violation, usable (DOMContentLoaded) within 2 s.
 * Screenshots go to the folder named by {@code -Dstaged-rollout.screenshots=DIR}, for the docs; without it none are
 * written.
 */
public final class Browser implements AutoCloseable {

    /** A laptop, and an EA member's phone. */
    public static final Dimension LAPTOP = new Dimension(1280, 900);

    public static final Dimension PHONE = new Dimension(390, 844);

    static final long USABLE_WITHIN_MILLIS = 2000;

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;
    private final String root;

    private Browser(WebDriver driver, Path profile, String root) {
        this.driver = driver;
        this.profile = profile;
        this.root = root;
    }

    /** A browser on Jenkins at {@code root} (ending with a slash); the test is skipped where Chromium is missing. */
    public static Browser open(String root, Dimension size) throws IOException {
        assumeTrue(
                CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "browser tests need Debian's chromium and chromedriver: apt-get install chromium chromium-driver");
        Path profile = Files.createTempDirectory("staged-rollout-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile, root);
    }

    /** Logs in through Jenkins' login form (the test realm's password is the user name). */
    public Browser login(String user) {
        go("login");
        driver.findElement(By.name("j_username")).sendKeys(user);
        driver.findElement(By.name("j_password")).sendKeys(user);
        driver.findElement(By.name("Submit")).click();
        waitForLoad();
        checkConsole();
        return this;
    }

    /**
     * Opens a page below the Jenkins root and checks it. The first render of a page after the controller started
     * compiles its templates, once per controller: the page is opened once before the one that is timed.
     */
    public Browser go(String path) {
        driver.get(root + path);
        waitForLoad();
        checkConsole();
        driver.get(root + path);
        settled();
        return this;
    }

    /**
     * Opens one of Jenkins' own pages that carries a part of the plugin (the System page): checked for console errors
     * and Content-Security-Policy violations, not timed, as its time is Jenkins core's and every other plugin's.
     */
    public Browser goToJenkinsPage(String path) {
        driver.get(root + path);
        waitForLoad();
        checkConsole();
        return this;
    }

    /** After a click that stays on one of Jenkins' own pages or leads to one: checked, not timed. */
    public Browser settledOnJenkinsPage() {
        waitForLoad();
        checkConsole();
        return this;
    }

    /** Waits for the page a click or a navigation led to, then checks it like an opened page. */
    public Browser settled() {
        waitForLoad();
        checkPage();
        return this;
    }

    private void waitForLoad() {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Waits up to 10 s for the text to appear on the page (form validation answers after the field is left). */
    public void waitForText(String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> text().contains(text));
    }

    /** Clicks an element scrolled to the middle of the window, clear of Jenkins' sticky header. */
    public void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Whether the page is wider than the window: something would be off screen. */
    public boolean overflowsHorizontally() {
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth");
        return Boolean.TRUE.equals(overflow);
    }

    /** Whether the element lies within the window's width. */
    public boolean withinWidth(WebElement element) {
        Object inside = ((JavascriptExecutor) driver)
                .executeScript(
                        "const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth;",
                        element);
        return Boolean.TRUE.equals(inside);
    }

    /** A full-page screenshot for the docs, when the screenshot folder is named. */
    public void screenshot(String name) throws IOException {
        String dir = System.getProperty("staged-rollout.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path target = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(target.getParent());
        // The whole page, not only the window: what a reader scrolls through.
        ChromeDriver chrome = (ChromeDriver) driver;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of(
                "x", 0,
                "y", 0,
                "width", ((Number) size.get("width")).doubleValue(),
                "height", ((Number) size.get("height")).doubleValue(),
                "scale", 1);
        Map<String, Object> shot = chrome.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private void checkPage() {
        checkConsole();
        Number usable = (Number) ((JavascriptExecutor) driver)
                .executeScript("const n = performance.getEntriesByType('navigation')[0];"
                        + " return n ? n.domContentLoadedEventEnd - n.startTime : 0;");
        assertTrue(
                usable.longValue() <= USABLE_WITHIN_MILLIS,
                driver.getCurrentUrl() + " became usable after " + usable.longValue() + " ms, over "
                        + USABLE_WITHIN_MILLIS);
    }

    private void checkConsole() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            boolean csp = entry.getMessage().contains("Content Security Policy");
            if (csp || entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        assertTrue(errors.isEmpty(), driver.getCurrentUrl() + " logged errors: " + errors);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }
}
