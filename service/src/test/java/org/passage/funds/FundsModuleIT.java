package org.passage.funds;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.passage.rules.decision.Programme;
import org.passage.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funds module on its own (Spring Modulith bootstraps only its beans) on a real
 * PostgreSQL: a top-up is announced to whoever waits for funds, once it is committed.
 */
@ApplicationModuleTest
@TestPropertySource(properties = { "camunda.bpm.generate-unique-process-engine-name=true",
		"camunda.bpm.job-execution.enabled=false", "camunda.bpm.metrics.db-reporter-activate=false" })
@ContextConfiguration(initializers = TestDatabase.class)
@org.springframework.context.annotation.Import(FundsModuleIT.UtcClock.class)
// Headquarters tops funds up.
@WithMockUser(username = "hq", roles = "HQ_APPROVER")
class FundsModuleIT {

	/**
	 * The one thing funds needs from outside its module: the application's clock (the
	 * system module's).
	 */
	@org.springframework.boot.test.context.TestConfiguration
	static class UtcClock {

		@org.springframework.context.annotation.Bean
		java.time.Clock clock() {
			return java.time.Clock.systemUTC();
		}

	}

	@Autowired
	Funds funds;

	private static String fund() {
		return "HASM-NIA-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
	}

	@Test
	void aTopUpOpensTheFundAndIsAnnouncedOnceCommitted(Scenario scenario) {
		scenario
			.stimulate(() -> this.funds.topUp(Programme.HASM, "NIA",
					java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear(), new BigDecimal("1200.00")))
			.andWaitForEventOfType(FundToppedUp.class)
			.matchingMappedValue(FundToppedUp::fundId, fund())
			.toArriveAndVerify(event -> assertThat(this.funds.balance(fund())).isEqualByComparingTo("1200.00"));
	}

}
