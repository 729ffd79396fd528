package org.passage.ui;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passage.cases.CaseStatistics;
import org.passage.cases.CaseType;
import org.passage.cases.SmallCounts;
import org.passage.cases.Staff;
import org.passage.funds.Fund;
import org.passage.funds.Funds;
import org.passage.rules.decision.Programme;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The supervisor's dashboard alone (a slice): every chart has its numbers beside it, a
 * count below 11 never shows, and only supervisors and approvers see it.
 */
@WebMvcTest(controllers = DashboardController.class)
@Import(SmallCounts.class)
class DashboardPagesTest extends PageSliceTesting {

	@MockitoBean
	CaseStatistics statistics;

	@MockitoBean
	Funds funds;

	final Staff supervisor = new Staff("supervisor", Set.of("SUPERVISOR"), List.of("TUN"));

	@BeforeEach
	void aSupervisorOfTunis() {
		given(this.cases.staff(any(Authentication.class))).willReturn(this.supervisor);
		given(this.statistics.openStepsByTypeAndStep(List.of("TUN")))
			.willReturn(List.of(new CaseStatistics.StepCount(CaseType.VOT, "Activity_ScreenCase", 42),
					new CaseStatistics.StepCount(CaseType.AVRR, "Activity_CounselReturn", 3)));
		given(this.statistics.decisionsByOutcome(eq(List.of("TUN")), eq(Instant.parse("2026-12-01T00:00:00Z"))))
			.willReturn(List.of(new CaseStatistics.OutcomeCount("GAF", "ELIGIBLE", 11)));
		given(this.statistics.hasmDeadline(eq(List.of("TUN")), any(), any()))
			.willReturn(new CaseStatistics.HasmDeadline(0, 12, 1234));
		given(this.funds.all()).willReturn(List.of(
				new Fund("GAF-TUN-2026", Programme.GAF, "TUN", 2026, new BigDecimal("50000.00"),
						new BigDecimal("800.00"), new BigDecimal("1200.00")),
				new Fund("GAF-NIA-2026", Programme.GAF, "NIA", 2026, new BigDecimal("9000.00"), BigDecimal.ZERO,
						BigDecimal.ZERO)));
	}

	@Test
	@WithMockUser(username = "supervisor", roles = "SUPERVISOR")
	void countsOfElevenOrMoreAreShownAndSmallerOnesAreNot() throws Exception {
		this.mvc.perform(get("/dashboard").header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1>Dashboard</h1>")))
			.andExpect(content().string(containsString("<td>42</td>")))
			.andExpect(content().string(containsString("<td>11</td>")))
			.andExpect(content().string(containsString("<td>1,234</td>")))
			.andExpect(content().string(containsString("<td>fewer than 11</td>")))
			.andExpect(content().string(not(containsString("<td>3</td>"))))
			.andExpect(content().string(not(containsString("<td>0</td>"))))
			.andExpect(content().string(not(containsString("&quot;count&quot;:3"))));
	}

	@Test
	@WithMockUser(username = "supervisor", roles = "SUPERVISOR")
	void eachFundOfTheirOfficesShowsItsMoneyInTheReadersFormat() throws Exception {
		this.mvc.perform(get("/dashboard").header("Accept-Language", "fr"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("GAF-TUN-2026")))
			.andExpect(content().string(containsString("48\u202f000,00")))
			.andExpect(content().string(not(containsString("GAF-NIA-2026"))))
			.andExpect(content().string(containsString("data-money=")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void caseOfficersDoNotSeeTheDashboard() throws Exception {
		this.mvc.perform(get("/dashboard")).andExpect(status().isForbidden());
	}

}
