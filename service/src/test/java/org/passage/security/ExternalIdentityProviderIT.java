package org.passage.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external OpenID Connect provider, configured with Spring Boot's own properties: a
 * stub issuer on this test's port (a JDK HTTP server publishing its discovery document
 * and the public half of an RSA key made here) signs the tokens. Systems send its bearer
 * JWTs, people sign in through it, and the roles and offices its claims name are what
 * Passage grants; a token from another issuer, expired or signed by another key is a 401
 * problem. Passwords of the local store keep working beside it.
 */
@PassageIntegrationTest
@TestPropertySource(
		properties = { "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ExternalIdentityProviderIT.ISSUER,
				"spring.security.oauth2.client.registration.agency.client-id=passage",
				"spring.security.oauth2.client.registration.agency.client-secret=stub-secret",
				"spring.security.oauth2.client.registration.agency.client-name=the agency's sign-in",
				"spring.security.oauth2.client.registration.agency.scope=openid",
				"spring.security.oauth2.client.provider.agency.issuer-uri=" + ExternalIdentityProviderIT.ISSUER })
class ExternalIdentityProviderIT {

	/** The stub issuer, on a port of this helper's range. */
	static final String ISSUER = "http://localhost:18110";

	static final StubIssuer PROVIDER = StubIssuer.start(18110);

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@AfterAll
	static void stopTheIssuer() {
		PROVIDER.server.stop(0);
	}

	@Test
	void aSystemsTokenWithACaseOfficersRoleAndAnOfficeOpensACaseThereInTheNameItCarries() throws Exception {
		String token = PROVIDER.token(ISSUER, PROVIDER.key, "oidc-officer", List.of("CASE_OFFICER"), List.of("OIC"),
				Duration.ofMinutes(5));

		HttpResponse<String> opened = bearer(token, "POST", "/api/v1/cases", """
				{"type": "VOT", "office": "OIC",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE", "birthYear": 1998,
				            "nationality": "NGA"}}""");

		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		String reference = read(opened.body()).get("reference").asText();
		HttpResponse<String> file = bearer(token, "GET", "/api/v1/cases/" + reference, null);
		assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
		assertThat(read(file.body()).get("openedBy").asText()).isEqualTo("oidc-officer");
		assertThat(bearer(token, "GET", "/api/v1/decisions", null).statusCode())
			.as("a case officer is no calling system")
			.isEqualTo(403);
	}

	@Test
	void onlyPassagesRolesCountAndAnOfficeTheTokenDoesNotNameIsNotTheCallers() throws Exception {
		String system = PROVIDER.token(ISSUER, PROVIDER.key, "partner-system", List.of("DECISION_API", "superuser"),
				List.of(), Duration.ofMinutes(5));
		String officer = PROVIDER.token(ISSUER, PROVIDER.key, "oidc-officer-2", List.of("CASE_OFFICER"), List.of("OIC"),
				Duration.ofMinutes(5));

		assertThat(bearer(system, "GET", "/api/v1/decisions", null).statusCode()).isEqualTo(200);
		assertThat(bearer(system, "GET", "/api/v1/cases", null).statusCode()).isEqualTo(403);
		assertThat(bearer(system, "GET", "/api/v1/staff/officer/offices", null).statusCode()).isEqualTo(403);
		assertThat(bearer(officer, "POST", "/api/v1/cases", """
				{"type": "VOT", "office": "TUN",
				 "person": {"givenName": "Amina", "familyName": "K.", "sex": "FEMALE"}}""").statusCode())
			.isEqualTo(403);
	}

	@Test
	void aTokenFromAnotherIssuerIsA401Problem() throws Exception {
		assertRefused(PROVIDER.token("http://localhost:18111", PROVIDER.key, "oidc-officer", List.of("CASE_OFFICER"),
				List.of("OIC"), Duration.ofMinutes(5)));
	}

	@Test
	void anExpiredTokenIsA401Problem() throws Exception {
		assertRefused(PROVIDER.token(ISSUER, PROVIDER.key, "oidc-officer", List.of("CASE_OFFICER"), List.of("OIC"),
				Duration.ofMinutes(-10)));
	}

	@Test
	void aTokenSignedByAnotherKeyIsA401Problem() throws Exception {
		RSAKey impostor = new RSAKeyGenerator(2048).keyID(PROVIDER.key.getKeyID()).generate();

		assertRefused(PROVIDER.token(ISSUER, impostor, "oidc-officer", List.of("CASE_OFFICER"), List.of("OIC"),
				Duration.ofMinutes(5)));
	}

	@Test
	void aTokenThatIsNoJwtIsA401Problem() throws Exception {
		assertRefused("not-a-token");
	}

	@Test
	void passwordsOfTheLocalStoreStillWork() throws Exception {
		HttpResponse<String> tasks = this.client.send(request("/api/v1/tasks")
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder().encodeToString("officer:officer".getBytes()))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(tasks.statusCode()).isEqualTo(200);
	}

	@Test
	void aPersonSignsInThroughTheProviderAndLandsOnTheirInboxWithTheOfficesItNames() throws Exception {
		HttpResponse<String> signInPage = this.client.send(request("/").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signInPage.body()).contains("Sign in with the agency&#39;s sign-in", "/oauth2/authorization/agency");

		HttpResponse<String> toProvider = this.client.send(request("/oauth2/authorization/agency").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(toProvider.statusCode()).isEqualTo(302);
		URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
		assertThat(authorize.toString()).startsWith(ISSUER + "/authorize");
		Map<String, String> asked = query(authorize);
		String session = cookie(toProvider);
		// The provider signs the person in and sends the browser back with a code; its
		// ID token answers the nonce Passage sent.
		PROVIDER.nextIdToken = PROVIDER.idToken(asked.get("nonce"), "amina.officer", List.of("CASE_OFFICER"),
				List.of("OIC"));

		HttpResponse<String> back = this.client.send(HttpRequest
			.newBuilder(URI.create(asked.get("redirect_uri") + "?code=stub-code&state="
					+ java.net.URLEncoder.encode(asked.get("state"), StandardCharsets.UTF_8)))
			.header("Cookie", session)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(back.statusCode()).as(back.headers() + back.body()).isEqualTo(302);
		assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/");
		String signedIn = cookie(back);

		HttpResponse<String> inbox = this.client.send(request("/inbox").header("Cookie", signedIn).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(inbox.statusCode()).isEqualTo(200);
		assertThat(inbox.body()).contains("amina.officer", "Case officer", "OIC");
		HttpResponse<String> dashboard = this.client.send(request("/dashboard").header("Cookie", signedIn).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(dashboard.statusCode()).as("a case officer has no dashboard").isEqualTo(403);
	}

	void assertRefused(String token) throws Exception {
		HttpResponse<String> refused = bearer(token, "GET", "/api/v1/cases", null);

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(read(refused.body()).get("status").asInt()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
	}

	HttpResponse<String> bearer(String token, String method, String path, String body)
			throws IOException, InterruptedException {
		return this.client.send(request(path).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept-Language", "en");
	}

	JsonNode read(String body) throws IOException {
		return this.json.readTree(body);
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

	static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new HashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
		}
		return parameters;
	}

	/**
	 * An OpenID Connect provider as small as Passage needs: discovery, keys, and a token
	 * endpoint that hands out the ID token the test prepared.
	 */
	static final class StubIssuer {

		final HttpServer server;

		final RSAKey key;

		volatile String nextIdToken;

		private StubIssuer(HttpServer server, RSAKey key) {
			this.server = server;
			this.key = key;
		}

		static StubIssuer start(int port) {
			try {
				RSAKey key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
				HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
				StubIssuer issuer = new StubIssuer(server, key);
				server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, """
						{"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize",
						 "token_endpoint": "%1$s/token", "jwks_uri": "%1$s/jwks",
						 "userinfo_endpoint": "%1$s/userinfo", "subject_types_supported": ["public"],
						 "response_types_supported": ["code"],
						 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(ISSUER)));
				server.createContext("/jwks", exchange -> answer(exchange, new JWKSet(key.toPublicJWK()).toString()));
				server.createContext("/token", exchange -> answer(exchange, """
						{"access_token": "stub-access-token", "token_type": "Bearer", "expires_in": 300,
						 "scope": "openid", "id_token": "%s"}""".formatted(issuer.nextIdToken)));
				server.start();
				return issuer;
			}
			catch (IOException | JOSEException ex) {
				throw new IllegalStateException("The stub issuer did not start on port " + port, ex);
			}
		}

		private static void answer(HttpExchange exchange, String json) throws IOException {
			exchange.getRequestBody().readAllBytes();
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		/** A bearer JWT as a provider issues one to a system. */
		String token(String issuer, RSAKey signer, String user, List<String> roles, List<String> offices,
				Duration validFor) throws JOSEException {
			Instant now = Instant.now();
			return sign(signer,
					new JWTClaimsSet.Builder().issuer(issuer)
						.subject("sub-" + user)
						.audience("passage")
						.issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
						.expirationTime(Date.from(now.plus(validFor)))
						.claim("preferred_username", user)
						.claim("roles", roles)
						.claim("offices", offices)
						.build());
		}

		/** The ID token of a person who signed in, answering Passage's nonce. */
		String idToken(String nonce, String user, List<String> roles, List<String> offices) throws JOSEException {
			Instant now = Instant.now();
			return sign(this.key,
					new JWTClaimsSet.Builder().issuer(ISSUER)
						.subject("sub-" + user)
						.audience("passage")
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
						.claim("nonce", nonce)
						.claim("preferred_username", user)
						.claim("roles", roles)
						.claim("offices", offices)
						.build());
		}

		private static String sign(RSAKey signer, JWTClaimsSet claims) throws JOSEException {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(signer));
			return jwt.serialize();
		}

	}

}
