package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through chromedriver: installed by the project's own
 * script when missing. Every page it is asked to check is also checked for accessibility with
 * axe-core (WCAG 2.2 A and AA rules; no serious or critical violation) and photographed.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Only "minor" passes: the accessibility statement says a moderate problem stops a change too. */
    private static final Set<String> BLOCKING = Set.of("moderate", "serious", "critical");

    private final ChromeDriver driver;
    private final String baseUrl;
    private int shots;

    private Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static Browser open(Path root, String baseUrl) throws IOException, InterruptedException {
        ensureChromium(root);
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2000", "--lang=en-GB");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        return new Browser(driver, baseUrl);
    }

    private static void ensureChromium(Path root) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(
                        "bash", root.resolve("infra/scripts/ensure-chromium.sh").toString())
                .inheritIO()
                .start();
        assertThat(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0)
                .as("infra/scripts/ensure-chromium.sh installed Chromium and ChromeDriver")
                .isTrue();
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Picks the option with this value in a select. */
    void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    /** Chooses a file for a file input, as a person picking it in the file dialogue. */
    void choose(String css, Path file) {
        find(css).sendKeys(file.toAbsolutePath().toString());
    }

    void click(String css) {
        find(css).click();
    }

    /** Clicks the button or link whose text is exactly this, and waits for the page it leads to. */
    void press(String text) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.xpath("//*[self::button or self::a][normalize-space()='" + text + "']"))
                .click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    /** As {@link #press(String)}, for the button or link of that text within the element {@code within}. */
    void press(String within, String text) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(within)
                .findElement(By.xpath(".//*[self::button or self::a][normalize-space()='" + text + "']"))
                .click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    /** Chooses a language with the page's switcher, and waits for the page in it. */
    void chooseLanguage(String code) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(".haven-language-select [lang=" + code + "]").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    /** As a new visitor on this computer: no cookies, so no choice of language and nobody signed in. */
    void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    /**
     * Signs in as a demo member of staff through the dev identity provider's own sign-in form,
     * starting from a staff page, and comes back to it.
     */
    void signIn(String staffPage, String staffId) {
        go(staffPage);
        if (!findAll("#sign-out").isEmpty()) { // someone is still signed in
            signOut();
            go(staffPage);
        }
        assertThat(heading()).isEqualTo("Staff sign in");
        check("staff-sign-in");
        press("Sign in with your work account");
        type("#username", staffId);
        type("#password", "demo");
        press("Sign in");
    }

    /** Signs out of Haven and of the identity provider. */
    void signOut() {
        press("Sign out");
        assertThat(heading()).isEqualTo("You have signed out");
    }

    String title() {
        return driver.getTitle();
    }

    String heading() {
        return find("h1").getText();
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Photographs the page as {@code target/screenshots/NN-name.png} and asserts axe finds nothing worse than minor. */
    void check(String name) {
        shots++;
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(
                    shot.toPath(),
                    SCREENSHOTS.resolve(String.format("%02d-%s.png", shots, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver);
        assertThat(results.isErrored()).as("axe ran on %s", name).isFalse();
        List<String> blocking = results.getViolations().stream()
                .filter(rule -> BLOCKING.contains(rule.getImpact()))
                .map(Browser::describe)
                .toList();
        assertThat(blocking)
                .as("moderate, serious or critical accessibility violations on %s (%s)", name, driver.getCurrentUrl())
                .isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget()))
                        .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
