package org.passage.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium driven by Selenium, for the browser tests: Debian's
 * {@code chromium} and {@code chromium-driver} (or the paths in {@code PASSAGE_CHROMIUM}
 * and {@code PASSAGE_CHROMEDRIVER}); nothing downloads a browser, and a machine without
 * one fails the test, saying what to install. It also writes screenshots for the
 * documentation and checks pages with axe-core.
 */
public final class Browser implements AutoCloseable {

	/** Where the screenshots of the main pages go, for the README and the walkthrough. */
	private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final ChromeDriver driver;

	private final String base;

	private Browser(ChromeDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/** A browser that reads pages in English unless a page says otherwise. */
	public static Browser open(String base) {
		String chromium = System.getenv().getOrDefault("PASSAGE_CHROMIUM", "/usr/bin/chromium");
		String chromedriver = System.getenv().getOrDefault("PASSAGE_CHROMEDRIVER", "/usr/bin/chromedriver");
		if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
			throw new IllegalStateException("The browser tests need Chromium and its driver at " + chromium + " and "
					+ chromedriver + ": apt-get install chromium chromium-driver (.ci/run does), or set "
					+ "PASSAGE_CHROMIUM and PASSAGE_CHROMEDRIVER");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,1500", "--lang=en", "--force-device-scale-factor=1");
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options), base);
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void go(String path) {
		this.driver.get(this.base + path);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** The element, once the page shows it (an htmx swap may bring it). */
	public WebElement await(String css) {
		return until(driver -> {
			List<WebElement> found = driver.findElements(By.cssSelector(css));
			return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
		});
	}

	public <T> T until(Function<WebDriver, T> condition) {
		WebDriverWait wait = new WebDriverWait(this.driver, PATIENCE);
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		try {
			return wait.until(condition);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Waited in vain on " + this.driver.getCurrentUrl() + ", which shows:\n"
					+ this.driver.findElement(By.tagName("body")).getText(), ex);
		}
	}

	/** The page's heading, once it reads {@code expected} (after a navigation, say). */
	public String awaitHeading(java.util.function.Predicate<String> expected) {
		return until(driver -> {
			String heading = driver.findElement(By.cssSelector("h1")).getText();
			return expected.test(heading) ? heading : null;
		});
	}

	public void type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
	}

	public void click(String css) {
		find(css).click();
	}

	public void clickLink(String text) {
		this.driver.findElement(By.linkText(text)).click();
	}

	public String text(String css) {
		return find(css).getText();
	}

	/** The page as it looks now, into {@code docs/screenshots/<name>.png}. */
	public void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the screenshot " + name, ex);
		}
	}

	/**
	 * The whole page, however long, into {@code docs/screenshots/<name>.png}: the window
	 * grows to the page's height for the picture.
	 */
	public void fullPageScreenshot(String name) {
		org.openqa.selenium.Dimension window = this.driver.manage().window().getSize();
		Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollHeight;");
		this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), height.intValue()));
		try {
			screenshot(name);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	/**
	 * One part of the page (the element {@code css} selects), scrolled into view, into
	 * {@code docs/screenshots/<name>.png}.
	 */
	public void screenshot(String name, String css) {
		WebElement element = find(css);
		((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("arguments[0].scrollIntoView(true);",
				element);
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the screenshot " + name, ex);
		}
	}

	/**
	 * axe-core finds no serious or critical violation of WCAG 2.1 A and AA on the page.
	 */
	public void assertAccessible(String page) {
		Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
			.analyze(this.driver);
		List<String> serious = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(Browser::describe)
			.toList();
		assertThat(serious).as("serious or critical accessibility violations on %s", page).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
