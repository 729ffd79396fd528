package org.passage.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, for every endpoint the service maps: each line of
 * {@link #WHO_MAY_CALL} names an endpoint and the roles that may call it, and the test
 * calls every endpoint it finds in Spring MVC's request mappings (the pages included) as
 * every role, on a case, step and decision of the caller's own office (or own calling
 * system) and of another. A mapping with no line fails the test, naming it: a new
 * endpoint cannot ship without saying who may call it.
 * <p>
 * What each answer must be:
 * <ul>
 * <li>a role the line does not name is refused: 403 (a problem for the API, the "not for
 * your role" page for the pages);</li>
 * <li>nobody signed in: 401 from the API, a redirect to the sign-in page from the
 * pages;</li>
 * <li>a role the line names is let in (no 401, no 403, no 5xx: a 400 for the empty form
 * the test sends is being let in);</li>
 * <li>on a case or step of another office, or a decision another system recorded, a role
 * the line names finds nothing: 404 (headquarters approvers see every office's cases); on
 * their own, the case or decision is found.</li>
 * </ul>
 * Camunda's REST API and webapps are not Spring MVC's: they have lines of their own at
 * the end, with the actuator's.
 */
@PassageIntegrationTest
class AuthorizationMatrixIT {

	/**
	 * One line per endpoint: method, path, who may call it, and what it is scoped to.
	 * Groups: CASEWORK = CASE_OFFICER SUPERVISOR REGIONAL_APPROVER HQ_APPROVER;
	 * SUPERVISION = SUPERVISOR REGIONAL_APPROVER HQ_APPROVER; POLICY = POLICY_EDITOR
	 * POLICY_APPROVER; TABLES = CASEWORK and POLICY; SIGNED_IN = every role; ANYONE =
	 * nobody signed in too.
	 */
	static final List<String> WHO_MAY_CALL = List.of(
	// @formatter:off
		// The case API
		"POST   /api/v1/cases                                            | CASE_OFFICER",
		"GET    /api/v1/cases                                            | CASEWORK",
		"GET    /api/v1/cases/{reference}                                | CASEWORK | case",
		"POST   /api/v1/cases/{reference}/notes                          | CASEWORK | case",
		"POST   /api/v1/cases/{reference}/consent:withdraw               | CASEWORK | case",
		"POST   /api/v1/cases/{reference}/voluntariness:revoke           | CASEWORK | case",
		"POST   /api/v1/cases/{reference}/subject-access-export          | SUPERVISOR | case",
		"GET    /api/v1/tasks                                            | CASEWORK",
		"GET    /api/v1/tasks/{id}                                       | CASEWORK | step",
		"POST   /api/v1/tasks/{id}:claim                                 | CASEWORK | step",
		"POST   /api/v1/tasks/{id}:complete                              | CASEWORK | step",
		"GET    /api/v1/funds                                            | SUPERVISION ADMIN",
		"POST   /api/v1/funds:top-up                                     | HQ_APPROVER ADMIN",
		// Operators
		"PUT    /api/v1/staff/{user}/offices                             | ADMIN",
		"GET    /api/v1/staff/{user}/offices                             | ADMIN",
		"DELETE /api/v1/staff/{user}/offices/{office}                    | ADMIN",
		"POST   /api/v1/operations/retention:apply                       | ADMIN",
		"POST   /api/v1/operations/personal-data:reseal                  | ADMIN",
		// The audit trail
		"GET    /api/v1/audit/cases/{reference}                          | AUDITOR",
		"GET    /api/v1/audit/chain                                      | AUDITOR ADMIN",
		// The decision API, for other systems
		"POST   /api/v1/programmes/{programme}/decisions                 | DECISION_API",
		"POST   /api/v1/programmes/{programme}/decisions:evaluate        | DECISION_API",
		"POST   /api/v1/programmes/{programme}/decisions:batch           | DECISION_API",
		"GET    /api/v1/decisions                                        | DECISION_API",
		"GET    /api/v1/decisions/{id}                                   | DECISION_API | decision",
		"POST   /api/v1/decisions/{id}:replay                            | DECISION_API | decision",
		"POST   /api/v1/decisions/{programme}                            | DECISION_API",
		"POST   /api/v1/decisions/{programme}:evaluate                   | DECISION_API",
		"POST   /api/v1/decisions/{programme}:batch                      | DECISION_API",
		// The decision tables: which is live (no personal data), and their lifecycle
		"GET    /api/v1/rulesets                                         | SIGNED_IN",
		"GET    /api/v1/rulesets/programmes/{programme}/versions         | POLICY",
		"GET    /api/v1/rulesets/{programme}/versions                    | POLICY",
		"POST   /api/v1/rulesets/programmes/{programme}/drafts           | POLICY_EDITOR",
		"POST   /api/v1/rulesets/{programme}/drafts                      | POLICY_EDITOR",
		"GET    /api/v1/rulesets/versions/{id}                           | POLICY",
		"GET    /api/v1/rulesets/versions/{id}/report                    | POLICY",
		"GET    /api/v1/rulesets/versions/{id}/diff                      | POLICY",
		"GET    /api/v1/rulesets/versions/{id}/file                      | POLICY",
		"GET    /api/v1/rulesets/versions/{id}/scenarios                 | POLICY",
		"POST   /api/v1/rulesets/versions/{id}/scenarios                 | POLICY_EDITOR",
		"POST   /api/v1/rulesets/versions/{id}/submit                    | POLICY_EDITOR",
		"POST   /api/v1/rulesets/versions/{id}/approve                   | POLICY_APPROVER",
		"POST   /api/v1/rulesets/versions/{id}/reject                    | POLICY_APPROVER",
		"GET    /api/v1/rulesets/programmes/{programme}/rollbacks        | POLICY",
		"POST   /api/v1/rulesets/programmes/{programme}/rollbacks        | POLICY",
		"POST   /api/v1/rulesets/rollbacks/{id}/approve                  | POLICY_APPROVER",
		"POST   /api/v1/rulesets/rollbacks/{id}/refuse                   | POLICY_APPROVER",
		"POST   /api/v1/rulesets/versions/{id}/simulations               | POLICY",
		"GET    /api/v1/rulesets/versions/{id}/simulations               | POLICY",
		"GET    /api/v1/rulesets/simulations/{simulation}                | POLICY",
		"POST   /api/v1/rulesets/simulations/{simulation}/cancel         | POLICY",
		"POST   /api/v1/rulesets/versions/{id}/scenarios/from-decision   | POLICY_EDITOR",
		// The API's contract
		"GET    /v3/api-docs                                             | ANYONE",
		"GET    /v3/api-docs.yaml                                        | ANYONE",
		"GET    /v3/api-docs/swagger-config                              | ANYONE",
		"GET    /swagger-ui.html                                         | ANYONE",
		// The pages
		"GET    /                                                        | ANYONE",
		"ANY    /error                                                   | ANYONE | dispatch",
		"GET    /inbox                                                   | CASEWORK",
		"POST   /inbox/{id}/claim                                        | CASEWORK | step",
		"POST   /inbox/{id}/unclaim                                      | CASEWORK | step",
		"GET    /cases/new                                               | CASEWORK",
		"POST   /cases                                                   | CASEWORK",
		"GET    /cases/{reference}                                       | CASEWORK | case",
		"POST   /cases/{reference}/notes                                 | CASEWORK | case",
		"POST   /cases/{reference}/consent/withdraw                      | CASEWORK | case",
		"GET    /cases/{reference}/decisions/next                        | CASEWORK | case",
		"GET    /steps/{id}                                              | CASEWORK | step",
		"POST   /steps/{id}                                              | CASEWORK | step",
		"GET    /dashboard                                               | SUPERVISION",
		"GET    /audit                                                   | AUDITOR",
		"GET    /rulesets                                                | TABLES",
		"GET    /rulesets/{programme}/versions/{id}                      | TABLES",
		"GET    /rulesets/{programme}/versions/{id}/file                 | TABLES",
		"GET    /rulesets/{programme}/versions/{id}/scenarios.csv        | POLICY",
		"GET    /rulesets/{programme}/upload                             | POLICY_EDITOR",
		"POST   /rulesets/{programme}/upload                             | POLICY_EDITOR",
		"POST   /rulesets/{programme}/versions/{id}/submit               | POLICY_EDITOR",
		"POST   /rulesets/{programme}/versions/{id}/approve              | POLICY_APPROVER",
		"POST   /rulesets/{programme}/versions/{id}/reject               | POLICY_APPROVER",
		"POST   /rulesets/{programme}/versions/{id}/scenarios            | POLICY_EDITOR",
		"POST   /rulesets/{programme}/versions/{id}/scenarios/from-decision | POLICY_EDITOR",
		"POST   /rulesets/{programme}/versions/{id}/simulations          | POLICY",
		"GET    /rulesets/{programme}/versions/{id}/simulations/{simulation} | POLICY",
		"POST   /rulesets/{programme}/versions/{id}/simulations/{simulation}/cancel | POLICY",
		"POST   /rulesets/{programme}/rollbacks                          | POLICY",
		"POST   /rulesets/{programme}/rollbacks/{rollback}/approve       | POLICY_APPROVER",
		"POST   /rulesets/{programme}/rollbacks/{rollback}/refuse        | POLICY_APPROVER");
	// @formatter:on

	/**
	 * Not Spring MVC's, so not discovered: Camunda's engine REST API and webapps'
	 * sign-in, and the actuator.
	 */
	static final List<String> OTHER_SURFACES = List.of(
	// @formatter:off
		"GET    /engine-rest/engine                                      | ADMIN",
		"GET    /engine-rest/process-definition/count                    | ADMIN",
		"POST   /camunda/api/admin/auth/user/{engine}/login/welcome      | ADMIN",
		"GET    /actuator/health                                         | ANYONE",
		"GET    /actuator/info                                           | ADMIN");
	// @formatter:on

	/** Every caller: one account per role, and nobody. */
	enum Caller {

		NOBODY(null, null), OFFICER("officer", "CASE_OFFICER"), SUPERVISOR("supervisor", "SUPERVISOR"),
		REGIONAL("regional", "REGIONAL_APPROVER"), HQ("hq", "HQ_APPROVER"), EDITOR("policy", "POLICY_EDITOR"),
		APPROVER("policy-approver", "POLICY_APPROVER"), SYSTEM("api-client", "DECISION_API"),
		AUDITOR("auditor", "AUDITOR"), OPERATOR("admin", "ADMIN");

		final String user;

		final String role;

		Caller(String user, String role) {
			this.user = user;
			this.role = role;
		}

	}

	static final Map<String, List<String>> GROUPS = Map.of("CASEWORK",
			List.of("CASE_OFFICER", "SUPERVISOR", "REGIONAL_APPROVER", "HQ_APPROVER"), "SUPERVISION",
			List.of("SUPERVISOR", "REGIONAL_APPROVER", "HQ_APPROVER"), "POLICY",
			List.of("POLICY_EDITOR", "POLICY_APPROVER"), "TABLES",
			List.of("CASE_OFFICER", "SUPERVISOR", "REGIONAL_APPROVER", "HQ_APPROVER", "POLICY_EDITOR",
					"POLICY_APPROVER"),
			"SIGNED_IN", Arrays.stream(Caller.values()).skip(1).map(caller -> caller.role).toList());

	/** What an endpoint's path names, whose office or caller matters. */
	enum Scope {

		NONE, CASE, STEP, DECISION,

		/**
		 * The servlet's error dispatch: called directly it reports a failure it has not
		 * got (500), to anyone alike.
		 */
		DISPATCH

	}

	/** A line of the table, read. */
	record Line(String method, String path, boolean anyone, Set<String> roles, Scope scope) {

		static Line of(String text) {
			String[] parts = text.split("\\|");
			String[] endpoint = parts[0].trim().split("\\s+");
			Set<String> roles = new TreeSet<>();
			boolean anyone = false;
			for (String name : parts[1].trim().split("\\s+")) {
				if (name.equals("ANYONE")) {
					anyone = true;
					roles.addAll(GROUPS.get("SIGNED_IN"));
				}
				else {
					roles.addAll(GROUPS.getOrDefault(name, List.of(name)));
				}
			}
			Scope scope = parts.length > 2 ? Scope.valueOf(parts[2].trim().toUpperCase(java.util.Locale.ROOT))
					: Scope.NONE;
			return new Line(endpoint[0], endpoint[1], anyone, roles, scope);
		}

		String endpoint() {
			return this.method + " " + this.path;
		}

		boolean api() {
			return this.path.startsWith("/api/") || this.path.startsWith("/engine-rest/")
					|| this.path.startsWith("/actuator/") || this.path.startsWith("/camunda/")
					|| this.path.startsWith("/v3/");
		}

	}

	/** The other office: a case officer of its own opens its case. */
	static final String OTHER_OFFICE = "MXO";

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	ProcessEngine engine;

	final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void everyMappedEndpointHasALineSayingWhoMayCallIt() {
		Set<String> lines = new TreeSet<>(WHO_MAY_CALL.stream().map(Line::of).map(Line::endpoint).toList());

		Set<String> mapped = mappedEndpoints();

		Set<String> withoutLine = new TreeSet<>(mapped);
		withoutLine.removeAll(lines);
		Set<String> stale = new TreeSet<>(lines);
		stale.removeAll(mapped);
		assertThat(withoutLine).as("endpoints with no line in WHO_MAY_CALL: add one saying who may call each")
			.isEmpty();
		assertThat(stale).as("lines of WHO_MAY_CALL that no longer match an endpoint").isEmpty();
		// The auditor reads the trail of every office's cases; nothing else names a case,
		// step or decision without being tried on another office's.
		assertThat(WHO_MAY_CALL.stream()
			.map(Line::of)
			.filter(line -> line.scope() == Scope.NONE)
			.filter(line -> line.path().contains("{reference}") && !line.path().startsWith("/api/v1/audit/")
					|| line.path().matches("/(api/v1/tasks|inbox|steps)/\\{id}.*")
					|| line.path().startsWith("/api/v1/decisions/{id}"))
			.map(Line::endpoint)
			.toList()).as("lines naming a case, step or decision that do not say they are scoped").isEmpty();
	}

	@Test
	void everyRoleIsAnsweredAsTheTableSaysInItsOwnOfficeAndAnother() throws Exception {
		Fixtures own = new Fixtures(openCase("officer", "TUN"), null, recordDecision("api-client"));
		String otherOfficer = account("officer-" + OTHER_OFFICE.toLowerCase(java.util.Locale.ROOT), "CASE_OFFICER");
		this.jdbc.sql("insert into app.staff_office (user_id, office) values (?, ?) on conflict do nothing")
			.params(otherOfficer, OTHER_OFFICE)
			.update();
		String otherSystem = account("partner-matrix", "DECISION_API");
		Fixtures other = new Fixtures(openCase(otherOfficer, OTHER_OFFICE), null, recordDecision(otherSystem));
		own = own.withStep(firstStep("officer", own.reference()));
		other = other.withStep(firstStep(otherOfficer, other.reference()));
		Map<Caller, Session> sessions = new EnumMap<>(Caller.class);
		for (Caller caller : Caller.values()) {
			sessions.put(caller, signIn(caller));
		}

		List<String> wrong = new ArrayList<>();
		List<Line> lines = new ArrayList<>(WHO_MAY_CALL.stream().map(Line::of).toList());
		lines.addAll(OTHER_SURFACES.stream().map(Line::of).toList());
		for (Line line : lines) {
			for (Caller caller : Caller.values()) {
				for (boolean ownOffice : line.scope() == Scope.NONE ? List.of(true) : List.of(true, false)) {
					Fixtures fixtures = ownOffice ? own : other;
					HttpResponse<String> answer = call(line, caller, sessions.get(caller), fixtures);
					String expected = expected(line, caller, ownOffice);
					if (!matches(expected, answer)) {
						wrong.add("%s as %s%s: %d, expected %s%s".formatted(line.endpoint(), caller,
								line.scope() == Scope.NONE ? "" : ownOffice ? " (own)" : " (other office)",
								answer.statusCode(), expected, location(answer)));
					}
				}
			}
		}

		assertThat(wrong).as("answers that differ from WHO_MAY_CALL").isEmpty();
	}

	/**
	 * "403", "401", "redirect to sign-in", "404", "found", "let in" or "not refused".
	 */
	static String expected(Line line, Caller caller, boolean ownOffice) {
		if (line.scope() == Scope.DISPATCH) {
			return "not refused";
		}
		if (caller == Caller.NOBODY && line.path().startsWith("/camunda/")) {
			// Signing in to the webapps without an account is a sign-in refused like
			// staff's.
			return "403";
		}
		if (caller == Caller.NOBODY) {
			if (line.anyone()) {
				return "let in";
			}
			return line.api() ? "401" : "redirect to sign-in";
		}
		if (!line.roles().contains(caller.role)) {
			return "403";
		}
		return switch (line.scope()) {
			case NONE, DISPATCH -> "let in";
			case CASE -> ownOffice || caller == Caller.HQ ? "found" : "404";
			case STEP -> ownOffice ? "let in" : "404";
			case DECISION -> ownOffice ? "found" : "404";
		};
	}

	static boolean matches(String expected, HttpResponse<String> answer) {
		int status = answer.statusCode();
		return switch (expected) {
			case "let in" -> status != 401 && status != 403 && status < 500;
			case "not refused" -> status != 401 && status != 403;
			case "found" -> status != 401 && status != 403 && status != 404 && status < 500;
			case "redirect to sign-in" -> status == 302 && location(answer).endsWith("/");
			default -> status == Integer.parseInt(expected);
		};
	}

	static String location(HttpResponse<String> answer) {
		return answer.headers().firstValue("Location").map(to -> " → " + URI.create(to).getPath()).orElse("");
	}

	/** What the paths name: in the caller's own office, or in another. */
	record Fixtures(String reference, String step, String decision) {

		Fixtures withStep(String step) {
			return new Fixtures(this.reference, step, this.decision);
		}

	}

	/** A signed-in browser: its session cookie and the CSRF token its forms carry. */
	record Session(String cookie, String csrf) {
	}

	HttpResponse<String> call(Line line, Caller caller, Session session, Fixtures fixtures)
			throws IOException, InterruptedException {
		String path = line.path()
			.replace("{reference}", fixtures.reference())
			.replace("{id}",
					line.scope() == Scope.STEP ? fixtures.step()
							: line.scope() == Scope.DECISION ? fixtures.decision() : String.valueOf(gafVersion()))
			.replace("{programme}", "gaf")
			.replace("{simulation}", "999999")
			.replace("{rollback}", "999999")
			.replace("{user}", "officer")
			.replace("{office}", "ZZZ")
			.replace("{engine}", this.engine.getName())
				+ (line.path().endsWith("/decisions/next") ? "?known=0&poll=0" : "");
		String method = line.method().equals("ANY") ? "GET" : line.method();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept-Language", "en");
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		if (line.path().startsWith("/camunda/")) {
			return this.client.send(webappSignIn(caller, path), HttpResponse.BodyHandlers.ofString());
		}
		if (line.api()) {
			if (caller.user != null) {
				request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
					.encodeToString((caller.user + ":" + caller.user).getBytes(StandardCharsets.UTF_8)));
			}
			if (!method.equals("GET") && !method.equals("DELETE")) {
				if (line.path().endsWith("/drafts") || line.path().endsWith("/scenarios")) {
					request.header("Content-Type", "multipart/form-data; boundary=matrix");
					body = HttpRequest.BodyPublishers.ofString("--matrix\r\nContent-Disposition: form-data; "
							+ "name=\"changeNote\"\r\n\r\nSeen\r\n--matrix--\r\n");
				}
				else {
					request.header("Content-Type", "application/json");
					body = HttpRequest.BodyPublishers.ofString(apiBody(line));
				}
			}
		}
		else {
			request.header("Accept", "text/html");
			if (session != null) {
				request.header("Cookie", session.cookie());
			}
			if (method.equals("POST")) {
				request.header("Content-Type", "application/x-www-form-urlencoded");
				body = HttpRequest.BodyPublishers
					.ofString("_csrf=" + (session == null ? "" : session.csrf()) + "&text=Seen+at+the+office");
			}
		}
		return this.client.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A body that changes nothing when let in, but lets the service find the case first:
	 * valid where an office is checked, empty (400) elsewhere.
	 */
	static String apiBody(Line line) {
		if (line.path().endsWith("/notes")) {
			return "{\"text\": \"Seen at the office\"}";
		}
		if (line.path().endsWith("/subject-access-export")) {
			return "{\"reason\": \"The person asked for their data\"}";
		}
		if (line.path().endsWith(":batch")) {
			return "[]";
		}
		return "{}";
	}

	/** Camunda's welcome app: a sign-in with the account's own password. */
	HttpRequest webappSignIn(Caller caller, String path) throws IOException, InterruptedException {
		HttpResponse<String> welcome = this.client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/camunda/app/welcome/default/"))
				.build(), HttpResponse.BodyHandlers.ofString());
		List<String> cookies = welcome.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(cookie -> cookie.split(";", 2)[0])
			.toList();
		String xsrf = cookies.stream()
			.filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
			.findFirst()
			.orElseThrow()
			.substring("XSRF-TOKEN=".length());
		String user = caller.user == null ? "nobody" : caller.user;
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Cookie", String.join("; ", cookies))
			.header("X-XSRF-TOKEN", xsrf)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user))
			.build();
	}

	/** Signs in through the sign-in form; nobody keeps the sign-in page's session. */
	Session signIn(Caller caller) throws IOException, InterruptedException {
		HttpResponse<String> signInPage = page("/", null);
		String anonymous = cookie(signInPage);
		if (caller.user == null) {
			return new Session(anonymous, csrf(signInPage.body()));
		}
		HttpResponse<String> signedIn = this.client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/sign-in"))
				.header("Cookie", anonymous)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(
						"username=" + caller.user + "&password=" + caller.user + "&_csrf=" + csrf(signInPage.body())))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(location(signedIn)).as(caller + " signs in").isEqualTo(" → /");
		String session = cookie(signedIn);
		// A page of the role's own carries the session's new token; a role with none
		// (systems, operators) is refused every page whatever its token.
		for (String page : List.of("/inbox", "/rulesets", "/audit")) {
			Matcher token = CSRF.matcher(page(page, session).body());
			if (token.find()) {
				return new Session(session, URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
			}
		}
		return new Session(session, "");
	}

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	HttpResponse<String> page(String path, String cookie) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "text/html")
			.header("Accept-Language", "en");
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String cookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith("JSESSIONID="))
			.map(cookie -> cookie.split(";", 2)[0])
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
	}

	static String csrf(String page) {
		Matcher token = CSRF.matcher(page);
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
	}

	/** Every method and path Spring MVC maps ("ANY" when the mapping names no method). */
	Set<String> mappedEndpoints() {
		Set<String> endpoints = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String path : info.getPatternValues()) {
				if (methods.isEmpty()) {
					endpoints.add("ANY " + path);
				}
				methods.forEach(method -> endpoints.add(method.name() + " " + path));
			}
		}
		return endpoints;
	}

	long gafVersion() {
		return this.jdbc.sql("select min(id) from app.ruleset where programme = 'GAF' and origin = 'SHIPPED'")
			.query(Long.class)
			.single();
	}

	String account(String name, String role) {
		if (this.identity.createUserQuery().userId(name).count() == 0) {
			User user = this.identity.newUser(name);
			user.setPassword(name);
			this.identity.saveUser(user);
			this.identity.createMembership(name, role);
		}
		return name;
	}

	String openCase(String officer, String office) throws IOException, InterruptedException {
		HttpResponse<String> opened = api(officer, "POST", "/api/v1/cases", """
				{"type": "VOT", "office": "%s",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""".formatted(office));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		return read(opened.body()).get("reference").asText();
	}

	/** The step a new case waits at, in its officer's inbox. */
	String firstStep(String officer, String reference) throws IOException, InterruptedException {
		for (JsonNode task : read(api(officer, "GET", "/api/v1/tasks", null).body())) {
			if (task.get("caseReference").asText().equals(reference)) {
				return task.get("id").asText();
			}
		}
		throw new AssertionError("No step of " + reference + " in the inbox of " + officer);
	}

	/** GAF band 1 for an identified, consenting victim (domain.md 2.1, G14). */
	String recordDecision(String system) throws IOException, InterruptedException {
		HttpResponse<String> recorded = api(system, "POST", "/api/v1/programmes/gaf/decisions", """
				{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
				 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
				 "requested": ["MEDICAL"], "requestedAmount": 500.00, "fundBalance": 10000.00,
				 "reTraffickingRisk": "LOW", "priorGafCases": 0}""");
		assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
		return read(recorded.body()).get("decisionId").asText();
	}

	HttpResponse<String> api(String user, String method, String path, String body)
			throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode read(String body) throws IOException {
		return this.json.readTree(body);
	}

}
