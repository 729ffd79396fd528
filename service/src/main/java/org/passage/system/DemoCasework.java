package org.passage.system;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.passage.cases.CaseService;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.passage.security.ServiceItself;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quick start only: the demo staff work for the Tunis office (TUN; the regional approver
 * also for Rabat, RBA), and each programme has this year's fund there, so a case can go
 * from intake to closure at once. Idempotent across restarts: funds are opened once,
 * never topped up again.
 */
@Component
@Profile(QuickStartMode.PROFILE)
@Order(2)
class DemoCasework implements ApplicationRunner {

	private static final Map<String, List<String>> OFFICES = Map.of("officer", List.of("TUN"), "supervisor",
			List.of("TUN"), "regional", List.of("RBA", "TUN"), "hq", List.of("TUN"));

	private static final Map<Programme, BigDecimal> BUDGETS = Map.of(Programme.GAF, new BigDecimal("50000.00"),
			Programme.HASM, new BigDecimal("30000.00"), Programme.REINTEGRATION, new BigDecimal("40000.00"));

	private final CaseService cases;

	private final Funds funds;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final List<String> users;

	DemoCasework(CaseService cases, Funds funds, TransactionTemplate transactions, Clock clock,
			@Value("${passage.demo.users}") List<String> users) {
		this.cases = cases;
		this.funds = funds;
		this.transactions = transactions;
		this.clock = clock;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		ServiceItself.as("quick-start", this::seed);
	}

	private void seed() {
		// Only to the demo users this start made: offices go to accounts that exist.
		OFFICES.forEach((user, offices) -> {
			if (this.users.contains(user)) {
				this.cases.assignOffices(user, offices);
			}
		});
		int year = LocalDate.now(this.clock).getYear();
		this.transactions.executeWithoutResult(status -> BUDGETS.forEach((programme, budget) -> {
			if (this.funds.find(this.funds.currentFund(programme, "TUN")).isEmpty()) {
				this.funds.topUp(programme, "TUN", year, budget);
			}
		}));
	}

}
