package org.passage.decisions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passage.client.ApiClient;
import org.passage.client.ApiException;
import org.passage.client.api.DecisionsApi;
import org.passage.client.model.Component;
import org.passage.client.model.Consent;
import org.passage.client.model.DecisionView;
import org.passage.client.model.Eligibility;
import org.passage.client.model.GafRequest;
import org.passage.client.model.OtherProgramme;
import org.passage.client.model.RecordRequest;
import org.passage.client.model.Replay;
import org.passage.client.model.RiskLevel;
import org.passage.client.model.VictimStatus;
import org.passage.testing.PassageIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The published contract works for a client nobody wrote by hand: a Java client generated
 * from {@code docs/api/openapi.json} records, fetches and replays a decision against the
 * service.
 */
@PassageIntegrationTest
class GeneratedClientIT {

	@LocalServerPort
	int port;

	@Test
	void recordsFetchesAndReplaysADecisionThroughTheGeneratedClient() throws ApiException {
		DecisionsApi decisions = new DecisionsApi(client("api-client", "api-client"));
		GafRequest request = new GafRequest().victimStatus(VictimStatus.PRESUMED)
			.crossBorder(true)
			.otherProgramme(OtherProgramme.NONE)
			.consent(Consent.GIVEN)
			.minor(false)
			.unaccompanied(false)
			.guardianAppointed(false)
			.immediateDanger(false)
			.requested(Set.of(Component.MEDICAL, Component.FAMILY_TRACING))
			.requestedAmount(new BigDecimal("1500.00"))
			.fundBalance(new BigDecimal("10000.00"))
			.reTraffickingRisk(RiskLevel.LOW)
			.priorGafCases(0)
			.caseId("VOT-2026-000777");

		// G13 of reference policy v1: a presumed victim gets interim help among four
		// services, up to 1000.
		DecisionView recorded = decisions.record("gaf", new RecordRequest(request), "client-test-1");
		assertThat(recorded.getDecision()).isEqualTo(Eligibility.ELIGIBLE_INTERIM);
		assertThat(recorded.getComponents()).containsExactly(Component.MEDICAL);
		assertThat(recorded.getGrantedAmount()).isEqualByComparingTo("1000");
		assertThat(recorded.getReasons()).extracting(reason -> reason.getRow()).containsExactly("G13");

		DecisionView fetched = decisions.get(recorded.getDecisionId());
		assertThat(fetched.getDecisionId()).isEqualTo(recorded.getDecisionId());
		assertThat(fetched.getReasons()).isEqualTo(recorded.getReasons());

		Replay replay = decisions.replay(recorded.getDecisionId(), "recorded");
		assertThat(replay.getIdentical()).isTrue();
		assertThat(replay.getReplayedUnder().getHash()).isEqualTo(recorded.getRulesetVersion().getHash());

		assertThat(decisions.callList("VOT-2026-000777", "gaf", null, null, 0, 10))
			.extracting(DecisionView::getDecisionId)
			.containsExactly(recorded.getDecisionId());
	}

	@Test
	void surfacesTheProblemOfABadRequestToTheClient() {
		DecisionsApi decisions = new DecisionsApi(client("api-client", "api-client"));
		GafRequest incomplete = new GafRequest().victimStatus(VictimStatus.IDENTIFIED);
		assertThatThrownBy(() -> decisions.evaluate("gaf", new RecordRequest(incomplete)))
			.isInstanceOfSatisfying(ApiException.class, ex -> {
				assertThat(ex.getCode()).isEqualTo(400);
				assertThat(ex.getResponseBody()).contains("urn:passage:problem:invalid-request", "crossBorder");
			});
	}

	private ApiClient client(String user, String password) {
		ApiClient client = new ApiClient();
		client.setScheme("http");
		client.setHost("localhost");
		client.setPort(this.port);
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + credentials));
		return client;
	}

}
