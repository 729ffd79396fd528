package org.passage.ui;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages on the whole service, as a browser without JavaScript uses them: sign in
 * against Camunda's identity service with the form, see a real step in the inbox, claim
 * it, read the case file (the read audited), not see another office's case, sign out;
 * while the API stays stateless with HTTP Basic.
 */
@PassageIntegrationTest
class PagesIT {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	TestRestTemplate http;

	/** A browser that shows each redirect instead of following it. */
	@Autowired
	void browser(TestRestTemplate http) {
		this.http = http
			.withRedirects(org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Test
	void anOfficerSignsInClaimsAStepReadsTheCaseAndSignsOut() throws Exception {
		worksFor("officer", "UIA");
		String reference = openCase("UIA");

		ResponseEntity<String> signInPage = this.http.getForEntity("/", String.class);
		assertThat(signInPage.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(signInPage.getBody()).contains("<h1>Sign in to Passage</h1>").doesNotContain("Camunda");

		String anonymous = cookie(signInPage);
		ResponseEntity<String> noToken = form("/sign-in", anonymous, "username=officer&password=officer");
		assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		ResponseEntity<String> wrong = form("/sign-in", anonymous,
				"username=officer&password=wrong&_csrf=" + csrf(signInPage.getBody()));
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(wrong.getHeaders().getLocation().toString()).endsWith("/?error");

		ResponseEntity<String> signedIn = form("/sign-in", anonymous,
				"username=officer&password=officer&_csrf=" + csrf(signInPage.getBody()));
		assertThat(signedIn.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		String session = cookie(signedIn);
		ResponseEntity<String> home = page(signedIn.getHeaders().getLocation().getPath(), session);
		assertThat(home.getHeaders().getLocation().toString()).as("casework lands on the inbox").endsWith("/inbox");

		ResponseEntity<String> inbox = page("/inbox", session);
		assertThat(inbox.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(inbox.getBody()).contains("<h1>Inbox</h1>", reference, "Signed in as", "Case officer", "UIA");
		Matcher claim = Pattern.compile("action=\"/inbox/([^/\"]+)/claim\"").matcher(inbox.getBody());
		assertThat(claim.find()).as("a claim button").isTrue();
		String task = claim.group(1);

		HttpHeaders htmx = new HttpHeaders();
		htmx.add("HX-Request", "true");
		ResponseEntity<String> claimed = form("/inbox/" + task + "/claim", session, "_csrf=" + csrf(inbox.getBody()),
				htmx);
		assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(claimed.getBody()).contains("You claimed", reference, "/inbox/" + task + "/unclaim")
			.doesNotContain("<html");
		assertThat(this.jdbc.sql("select assignee_ from act_ru_task where id_ = ?")
			.param(task)
			.query(String.class)
			.single()).isEqualTo("officer");

		ResponseEntity<String> file = page("/cases/" + reference, session);
		assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(file.getBody()).contains("<h1>Case " + reference + "</h1>", "Amina K.", "Case opened",
				"Step claimed");
		assertThat(this.jdbc.sql("select count(*) from app.read_audit where reader = 'officer' and case_reference = ?")
			.param(reference)
			.query(Long.class)
			.single()).isPositive();

		worksFor("officer", "UIB");
		String elsewhere = openCase("UIB");
		this.jdbc.sql("delete from app.staff_office where user_id = 'officer' and office = 'UIB'").update();
		ResponseEntity<String> notMine = page("/cases/" + elsewhere, session);
		assertThat(notMine.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(notMine.getBody()).contains("<h1>Not found</h1>").doesNotContain(elsewhere + " does not");

		ResponseEntity<String> signedOut = form("/sign-out", session, "_csrf=" + csrf(file.getBody()));
		assertThat(signedOut.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(signedOut.getHeaders().getLocation().toString()).endsWith("/?signedOut");
		ResponseEntity<String> after = page("/inbox", session);
		assertThat(after.getStatusCode()).isEqualTo(HttpStatus.FOUND);
	}

	@Test
	void theApiStaysStatelessAndIgnoresThePagesSession() {
		ResponseEntity<String> api = this.http.withBasicAuth("officer", "officer")
			.getForEntity("/api/v1/tasks", String.class);
		assertThat(api.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(api.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith("JSESSIONID"));

		ResponseEntity<String> signInPage = this.http.getForEntity("/", String.class);
		String session = cookie(form("/sign-in", cookie(signInPage),
				"username=officer&password=officer&_csrf=" + csrf(signInPage.getBody())));
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, session);
		assertThat(this.http.exchange("/api/v1/tasks", HttpMethod.GET, new HttpEntity<>(headers), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void policyStaffSignInButMayNotOpenCasePages() {
		ResponseEntity<String> signInPage = this.http.getForEntity("/", String.class);
		String session = cookie(form("/sign-in", cookie(signInPage),
				"username=policy&password=policy&_csrf=" + csrf(signInPage.getBody())));
		assertThat(page("/", session).getHeaders().getLocation().toString()).as("policy staff land on the tables")
			.endsWith("/rulesets");
		ResponseEntity<String> inbox = page("/inbox", session);
		assertThat(inbox.getStatusCode()).as(inbox.getHeaders() + inbox.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(inbox.getBody()).contains("Not for your role");
	}

	@Test
	void anAuditorLandsOnTheAuditTrailAndSeesWhoReadAFileButNeverTheFile() throws Exception {
		worksFor("officer", "UIC");
		String reference = openCase("UIC");
		assertThat(this.http.withBasicAuth("officer", "officer")
			.getForEntity("/api/v1/cases/" + reference, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);

		ResponseEntity<String> signInPage = this.http.getForEntity("/", String.class);
		String session = cookie(form("/sign-in", cookie(signInPage),
				"username=auditor&password=auditor&_csrf=" + csrf(signInPage.getBody())));
		assertThat(page("/", session).getHeaders().getLocation().toString()).as("auditors land on the trail")
			.endsWith("/audit");
		ResponseEntity<String> trail = page("/audit?reference=" + reference, session);
		assertThat(trail.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(trail.getBody())
			.contains("<h1>Audit trail</h1>", "Read the person&#39;s file", "officer", "Opened the case", "127.0.0.1")
			.doesNotContain("Amina");
		assertThat(page("/audit?reference=VOT-1999-000001", session).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(page("/cases/" + reference, session).getStatusCode()).as("the trail, never the file")
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(page("/inbox", session).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private void worksFor(String user, String office) {
		this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?) on conflict do nothing")
			.params(user, office)
			.update();
	}

	private String openCase(String office) throws Exception {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> opened = this.http.withBasicAuth("officer", "officer")
			.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>("""
					{"type": "VOT", "office": "%s",
					 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
					            "nationality": "NGA"}}""".formatted(office), headers), String.class);
		assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
		return this.json.readTree(opened.getBody()).get("reference").asText();
	}

	private ResponseEntity<String> page(String path, String session) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, session);
		headers.add(HttpHeaders.ACCEPT_LANGUAGE, "en");
		headers.setAccept(List.of(MediaType.TEXT_HTML));
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private ResponseEntity<String> form(String path, String session, String body) {
		return form(path, session, body, new HttpHeaders());
	}

	private ResponseEntity<String> form(String path, String session, String body, HttpHeaders headers) {
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		headers.setAccept(List.of(MediaType.TEXT_HTML));
		headers.add(HttpHeaders.ACCEPT_LANGUAGE, "en");
		if (session != null) {
			headers.add(HttpHeaders.COOKIE, session);
		}
		return this.http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
	}

	/** The session cookie a response set, as a request sends it back. */
	private static String cookie(ResponseEntity<String> response) {
		return response.getHeaders()
			.getOrEmpty(HttpHeaders.SET_COOKIE)
			.stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.map(c -> c.split(";", 2)[0])
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.getHeaders()));
	}

	private static String csrf(String page) {
		Matcher token = CSRF.matcher(page);
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
	}

}
