package org.passage.decisions;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What tests of the decision API share: a calling system's HTTP client and a count of
 * recorded decisions.
 */
@PassageIntegrationTest
abstract class DecisionApiTesting {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	/**
	 * POSTs JSON as the demo system account, with an optional Idempotency-Key, in
	 * {@code language}.
	 */
	ResponseEntity<String> post(String path, String body, String idempotencyKey, String language) {
		return this.http.withBasicAuth("api-client", "api-client")
			.postForEntity(path, new HttpEntity<>(body, headers(idempotencyKey, language)), String.class);
	}

	ResponseEntity<String> get(String path) {
		return this.http.withBasicAuth("api-client", "api-client").getForEntity(path, String.class);
	}

	static HttpHeaders headers(String idempotencyKey, String language) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAcceptLanguageAsLocales(List.of(Locale.forLanguageTag(language)));
		if (idempotencyKey != null) {
			headers.set("Idempotency-Key", idempotencyKey);
		}
		return headers;
	}

	long recorded() {
		return this.jdbc.sql("select count(*) from app.decision").query(Long.class).single();
	}

}
