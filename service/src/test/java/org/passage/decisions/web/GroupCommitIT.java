package org.passage.decisions.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.VictimStatus;
import org.passage.security.Roles;
import org.passage.testing.PassageIntegrationTest;
import org.passage.testing.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded decisions of concurrent calls share commits (DecisionCommits), and each call
 * is answered only once its own decision committed: every call its own decision, stored
 * once; a transaction that cannot commit acknowledges none of its calls as stored.
 */
@PassageIntegrationTest
class GroupCommitIT {

	private static final String GAF_BODY = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "otherProgramme": "NONE", "consent": "GIVEN",
			 "minor": false, "unaccompanied": false, "guardianAppointed": false, "immediateDanger": false,
			 "requested": ["MEDICAL", "LEGAL"], "requestedAmount": 2500.00, "fundBalance": 10000.00,
			 "reTraffickingRisk": "LOW", "priorGafCases": 0}""";

	private static final GafInput GAF = new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, Consent.GIVEN,
			false, false, false, false, EnumSet.of(Component.MEDICAL, Component.LEGAL), new BigDecimal("2500.00"),
			new BigDecimal("10000.00"), RiskLevel.LOW, 0);

	private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	/**
	 * A calling system whose decisions the database refuses when their transaction
	 * commits.
	 */
	private static final String DOOMED = "doomed-system";

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DecisionCommits commits;

	@Autowired
	DecisionService decisions;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void letTheDatabaseCommitAgain() {
		this.jdbc.sql("drop trigger if exists refuse_doomed on app.decision").update();
		this.jdbc.sql("drop function if exists app.refuse_doomed()").update();
	}

	@Test
	void concurrentCallsEachGetTheirOwnDecisionStoredExactlyOnceInFewerCommitsThanCalls() throws Exception {
		long commitsBefore = commitsSoFar();
		int calls = 512;
		List<ResponseEntity<String>> answers = concurrently(64, calls,
				i -> post("/api/v1/programmes/gaf/decisions", GAF_BODY, i % 2 == 0 ? null : "gc-" + UUID.randomUUID()));

		List<String> ids = new ArrayList<>();
		for (ResponseEntity<String> answer : answers) {
			assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
			ids.add(decisionId(answer.getBody()));
		}
		assertThat(new HashSet<>(ids)).as("one decision per call").hasSize(calls);
		assertThat(storedAmong(ids.stream().map(UUID::fromString).toList()))
			.as("each acknowledged decision stored, once")
			.isEqualTo(calls);
		assertThat(commitsSoFar() - commitsBefore).as("transactions for " + calls + " concurrent calls")
			.isLessThan(calls);
	}

	@Test
	void concurrentRetriesOfOneKeyRecordOnceAndAllAnswerThatDecision() throws Exception {
		String key = "gc-" + UUID.randomUUID();
		List<ResponseEntity<String>> answers = concurrently(16, 16,
				i -> post("/api/v1/programmes/gaf/decisions", GAF_BODY, key));

		Set<String> ids = new HashSet<>();
		for (ResponseEntity<String> answer : answers) {
			// The retries wait for the first's commit, then answer with its decision.
			assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
			ids.add(decisionId(answer.getBody()));
		}
		assertThat(ids).as("the one decision every retry answers").hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from app.decision where id = ?::uuid")
			.param(ids.iterator().next())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aTransactionThatCannotCommitAcknowledgesNoneOfItsCallsAsStored() throws Exception {
		refuseDoomedDecisionsAtCommit();
		int calls = 64;
		List<Object> results = concurrently(calls, calls, i -> recordOrFailure(DOOMED));

		List<UUID> refused = new ArrayList<>();
		for (Object result : results) {
			assertThat(result).as("no call acknowledged").isInstanceOf(Refusal.class);
			refused.add(((Refusal) result).id());
		}
		assertThat(storedAmong(refused)).as("decisions stored of calls that were refused").isZero();
		assertThat(this.jdbc.sql("select count(*) from app.decision where caller = ?")
			.param(DOOMED)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aFailedTransactionFailsExactlyTheCallsWhoseDecisionsCouldNotCommitAndStoresTheOthers() throws Exception {
		refuseDoomedDecisionsAtCommit();
		int calls = 128;
		// Every other call is doomed: a shared transaction holding both kinds fails at
		// commit, and each of its calls is tried again alone.
		List<Object> results = concurrently(64, calls, i -> recordOrFailure(i % 2 == 0 ? DOOMED : "steady-system"));

		List<UUID> acknowledged = new ArrayList<>();
		List<UUID> refused = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			if (i % 2 == 0) {
				assertThat(results.get(i)).as("call " + i + ", doomed").isInstanceOf(Refusal.class);
				refused.add(((Refusal) results.get(i)).id());
			}
			else {
				assertThat(results.get(i)).as("call " + i + ", steady").isInstanceOf(UUID.class);
				acknowledged.add((UUID) results.get(i));
			}
		}
		assertThat(storedAmong(acknowledged)).as("acknowledged decisions stored, once each").isEqualTo(calls / 2);
		assertThat(storedAmong(refused)).as("refused decisions stored").isZero();
	}

	/** A call's refusal, with the id its decision would have had. */
	private record Refusal(UUID id, RuntimeException failure) {
	}

	/**
	 * Records a GAF decision as {@code caller}: its id once committed, or its refusal.
	 */
	private Object recordOrFailure(String caller) {
		DecisionService.Pending pending = SignedIn.as(caller, Roles.DECISION_API,
				() -> this.decisions.decideToRecord(GAF, new DecisionContext(null, caller, Locale.ENGLISH), null));
		try {
			DecisionCommits.Result result = this.commits.record(new DecisionCommits.Write(pending, null));
			assertThat(result).isInstanceOf(DecisionCommits.Recorded.class);
			return pending.view().decisionId();
		}
		catch (RuntimeException refused) {
			return new Refusal(pending.view().decisionId(), refused);
		}
	}

	/**
	 * A constraint trigger checked at commit: the whole transaction holding a doomed
	 * system's decision fails when it commits, after every insert went through.
	 */
	private void refuseDoomedDecisionsAtCommit() {
		this.jdbc.sql("""
				create function app.refuse_doomed() returns trigger language plpgsql as $$
				begin
				    if new.caller = 'doomed-system' then
				        raise exception 'decisions of % are refused at commit', new.caller;
				    end if;
				    return null;
				end $$""").update();
		this.jdbc.sql("""
				create constraint trigger refuse_doomed after insert on app.decision
				deferrable initially deferred for each row execute function app.refuse_doomed()""").update();
	}

	private long storedAmong(List<UUID> ids) {
		return this.jdbc.sql("select count(*) from app.decision where id::text = any(string_to_array(?, ','))")
			.param(String.join(",", ids.stream().map(UUID::toString).toList()))
			.query(Long.class)
			.single();
	}

	private long commitsSoFar() {
		return this.meters.get("passage.decisions.group.commit.size").summary().count();
	}

	/** Runs {@code calls} calls on {@code threads} threads, all let go at once. */
	private static <T> List<T> concurrently(int threads, int calls, Call<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				int n = i;
				futures.add(pool.submit((Callable<T>) () -> {
					start.await();
					return call.make(n);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Call<T> {

		T make(int n) throws Exception;

	}

	private ResponseEntity<String> post(String path, String body, String key) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			headers.set("Idempotency-Key", key);
		}
		return this.http.withBasicAuth("api-client", "api-client")
			.postForEntity(path, new HttpEntity<>(body, headers), String.class);
	}

	private static String decisionId(String body) {
		Matcher id = DECISION_ID.matcher(body);
		assertThat(id.find()).as(body).isTrue();
		return id.group(1);
	}

}
