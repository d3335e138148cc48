package vn.gov.portal.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, with explicit paths so Selenium Manager never goes online. */
final class Browser implements AutoCloseable {

    private final Path profile;
    final ChromeDriver driver;
    private final WebDriverWait wait;

    Browser() {
        this("1280,1600");
    }

    /** A browser window of the given size, e.g. "360,740" for a small phone. */
    Browser(String windowSize) {
        try {
            profile = Files.createTempDirectory("portal-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + windowSize, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    void open(String url) {
        driver.get(url);
        checkAccessibility();
    }

    /** Base address of the portal; pages under it, except the officers', are checked with axe (see Axe). */
    private String citizenPages;
    private final Set<String> checkedPages = new HashSet<>();
    /** What axe found, page by page; the journey fails at its end if anything is here. */
    final List<String> accessibilityProblems = new ArrayList<>();

    void checkAccessibilityOf(String portalBase) {
        citizenPages = portalBase;
    }

    /** Runs axe once on each kind of citizen page the journey reaches (ids in the address do not make a new kind). */
    private void checkAccessibility() {
        String url = driver.getCurrentUrl();
        if (citizenPages == null || url == null || !url.startsWith(citizenPages)) {
            return;
        }
        String page = url.substring(citizenPages.length()).replaceAll("#.*", "")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
        if (page.startsWith("/officer") || !checkedPages.add(page)) {
            return;
        }
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        Axe.seriousViolations(driver).forEach(v -> accessibilityProblems.add(page + " — " + v));
    }

    WebElement find(String cssSelector) {
        try {
            return wait.until(d -> d.findElement(By.cssSelector(cssSelector)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw lost("No element '" + cssSelector + "'", e);
        }
    }

    /** Asserts that the page (possibly the next one, after a click) comes to show the attribute value. */
    void expectAttribute(String cssSelector, String attribute, String expected) {
        try {
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> expected.equals(
                    d.findElement(By.cssSelector(cssSelector)).getAttribute(attribute)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw lost("'" + cssSelector + "' never had " + attribute + "=" + expected, e);
        }
    }

    /** Waits until the element shows the text (the same page may reload meanwhile, after an upload or a save). */
    void waitForText(String cssSelector, String expected) {
        try {
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> d.findElement(By.cssSelector(cssSelector)).getText().contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw lost("'" + cssSelector + "' never showed \"" + expected + "\"", e);
        }
    }

    /** Says where the browser was: a failure in CI must be readable without a screenshot. */
    private AssertionError lost(String what, Exception cause) {
        return new AssertionError(what + " on " + driver.getCurrentUrl() + ":\n"
                + driver.findElement(By.tagName("body")).getText(), cause);
    }

    /** Clicks like a person who first scrolls the element into view (long pages, a sticky header). */
    void click(String cssSelector) {
        WebElement element = find(cssSelector);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
        checkAccessibility();
    }

    void type(String cssSelector, String text) {
        WebElement element = find(cssSelector);
        element.clear();
        element.sendKeys(text);
    }

    /** Date inputs take keystrokes in the browser's locale format; setting the value is locale-proof. */
    void setValue(String cssSelector, String value) {
        driver.executeScript("arguments[0].value = arguments[1]", find(cssSelector), value);
    }

    void select(String cssSelector, String value) {
        new org.openqa.selenium.support.ui.Select(find(cssSelector)).selectByValue(value);
    }

    /** The element's text; found again if the page replaced it between finding and reading (a reload just ending). */
    String text(String cssSelector) {
        try {
            return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.cssSelector(cssSelector)).getText());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw lost("No element '" + cssSelector + "'", e);
        }
    }

    /**
     * What sticks out of the window sideways (on a phone that means sideways scrolling): the outermost elements whose
     * right edge passes the window's, as "tag#id.class"; empty when the page fits.
     */
    @SuppressWarnings("unchecked")
    List<String> sidewaysOverflow() {
        return (List<String>) driver.executeScript("""
                var width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= width + 1) { return []; }
                var out = [];
                // Inside a scrolling box an element scrolls with it, unless it is positioned against something
                // outside the box (an absolutely positioned child of a box that is not positioned escapes it).
                function scrolledInside(e) {
                  var positioned = getComputedStyle(e).position === 'absolute';
                  for (var p = e.parentElement; p; p = p.parentElement) {
                    if (positioned && getComputedStyle(p).position === 'static') { continue; }
                    positioned = false;
                    var o = getComputedStyle(p).overflowX;
                    if (o === 'auto' || o === 'scroll' || o === 'hidden') { return true; }
                  }
                  return false;
                }
                var sticking = Array.prototype.filter.call(document.querySelectorAll('body *'), function (e) {
                  return e.getBoundingClientRect().right > width + 1 && !scrolledInside(e);
                });
                sticking.forEach(function (e) {
                  if (sticking.indexOf(e.parentElement) < 0) {
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
                  }
                });
                return out.slice(0, 10);
                """);
    }

    String page() {
        return driver.getPageSource();
    }

    /** The path of the page shown, without the portal's address and the query. */
    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    void waitForUrl(String fragment) {
        wait.until(d -> d.getCurrentUrl().contains(fragment));
    }

    /** Saves what the browser shows to target/screenshots, for people reviewing the pages. */
    void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
