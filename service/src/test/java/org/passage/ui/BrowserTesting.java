package org.passage.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.passage.testing.Browser;
import org.passage.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests share: the whole service with its job executor running, as in
 * production, a headless Chromium for the class (see {@link Browser}), and the moves of a
 * person working a case in the pages (sign in, open a case's step, fill in and complete
 * its form). Each class works in an office of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.generate-unique-process-engine-name=true", "camunda.bpm.job-execution.enabled=true",
				"camunda.bpm.metrics.db-reporter-activate=false", "spring.datasource.hikari.connection-timeout=2000" })
@ContextConfiguration(initializers = TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserTesting {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentityService identity;

	Browser browser;

	/** The reference of the case the class works on, once it is registered. */
	String reference;

	@BeforeAll
	void openTheBrowser() {
		this.browser = Browser.open("http://localhost:" + this.port);
	}

	@AfterAll
	void closeTheBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	/** Lets these people work for {@code office}, as an operator would. */
	void staffWorkFor(String office, List<String> staff) {
		for (String user : staff) {
			this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?) on conflict do nothing")
				.params(user, office)
				.update();
		}
	}

	/** This year's fund of a programme for {@code office}, topped up by headquarters. */
	void fund(String programme, String office, int amount) {
		ResponseEntity<String> topUp = this.http.withBasicAuth("hq", "hq")
			.postForEntity("/api/v1/funds:top-up", new HttpEntity<>("""
					{"programme": "%s", "office": "%s", "year": %d, "amount": %d}""".formatted(programme, office,
					LocalDate.now(ZoneOffset.UTC).getYear(), amount), json()), String.class);
		assertThat(topUp.getStatusCode().value()).as(topUp.getBody()).isEqualTo(200);
	}

	static HttpHeaders json() {
		HttpHeaders json = new HttpHeaders();
		json.setContentType(MediaType.APPLICATION_JSON);
		return json;
	}

	void signIn(String user) {
		this.browser.go("/?lang=en");
		this.browser.type("#username", user);
		this.browser.type("#password", user);
		this.browser.click("main form button[type=submit]");
		this.browser.awaitHeading(heading -> !heading.equals("Sign in to Passage"));
	}

	void signOut() {
		this.browser.click(".signed-in form button[type=submit]");
		this.browser.await("#username");
	}

	/** Registers a case in the pages, as an officer does; its reference is returned. */
	String register(String type, String office, String givenName, String familyName, String sex, String birthYear,
			String nationality) {
		this.browser.clickLink("New case");
		this.browser.click("input[name=type][value=" + type + "]");
		new Select(this.browser.find("#office")).selectByValue(office);
		this.browser.type("#givenName", givenName);
		this.browser.type("#familyName", familyName);
		this.browser.click("input[name=sex][value=" + sex + "]");
		this.browser.type("#birthYear", birthYear);
		this.browser.type("#nationality", nationality);
		this.browser.click("main form button[type=submit]");
		java.util.regex.Pattern reference = java.util.regex.Pattern.compile("[A-Z]{2,5}-\\d{4}-\\d{6}");
		java.util.regex.Matcher opened = reference
			.matcher(this.browser.awaitHeading(heading -> reference.matcher(heading).find()));
		assertThat(opened.find()).as("the case file of the new case").isTrue();
		return opened.group();
	}

	/**
	 * Opens the case's open step {@code name} from its case file, waiting for the process
	 * to get there.
	 */
	void stepOfTheCase(String name) {
		this.browser.go("/cases/" + this.reference + "?lang=en");
		this.browser.until(driver -> {
			List<WebElement> links = driver.findElements(By.linkText(name));
			if (links.isEmpty()) {
				driver.navigate().refresh(); // the process may still be on its way there
				return null;
			}
			links.get(0).click();
			return true;
		});
		this.browser.await("#step");
	}

	/** Completes the open step's form and sees it confirmed. */
	void complete(String name) {
		this.browser.click("form.step-form button[type=submit]");
		assertThat(this.browser.await("#step .notice[role=status]").getText())
			.isEqualTo("You completed “" + name + "” of case " + this.reference + ".");
	}

	void choose(String field, String value) {
		new Select(this.browser.find("#field-" + field)).selectByValue(value);
	}

	void tick(String field) {
		this.browser.click("#field-" + field);
	}

	void tick(String field, String value) {
		this.browser.click("input[name=" + field + "][value=" + value + "]");
	}

	void enter(String field, String text) {
		this.browser.type("#field-" + field, text);
	}

}
