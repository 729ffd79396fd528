package org.passage.ui;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatistics;
import org.passage.cases.SmallCounts;
import org.passage.cases.Staff;
import org.passage.funds.Fund;
import org.passage.funds.Funds;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The supervisor's dashboard for their offices: open cases by type and step, this month's
 * decisions by outcome, the HASM 72-hour deadline, and each fund's money. Every chart has
 * its numbers in a table beside it. A count of cases below the threshold
 * ({@code passage.statistics.minimum-count}, 11 by default) is shown as "fewer than 11",
 * never as itself: small counts can point at a person.
 */
@Controller
class DashboardController {

	private final CaseService cases;

	private final CaseStatistics statistics;

	private final Funds funds;

	private final MessageSource messages;

	private final ObjectMapper json;

	private final Clock clock;

	private final SmallCounts smallCounts;

	DashboardController(CaseService cases, CaseStatistics statistics, Funds funds, MessageSource messages,
			ObjectMapper json, Clock clock, SmallCounts smallCounts) {
		this.cases = cases;
		this.statistics = statistics;
		this.funds = funds;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
		this.smallCounts = smallCounts;
	}

	/**
	 * One bar of a chart: its label, its count (null when too small to show), its words.
	 */
	record Bar(String label, Long count, String shown) {
	}

	/**
	 * A chart and the table of its numbers: {@code id} names both, {@code data} is the
	 * bars as JSON for the canvas (the page allows no inline script).
	 */
	record Chart(String id, List<Bar> bars, String data) {
	}

	/** A fund's money, for the table and the stacked bar. */
	record Money(String fund, String office, BigDecimal budget, BigDecimal reserved, BigDecimal committed,
			BigDecimal balance) {
	}

	@GetMapping("/dashboard")
	String dashboard(Authentication caller, Model model, Locale locale) {
		Staff staff = this.cases.staff(caller);
		List<String> offices = staff.officeFilter();
		Instant now = this.clock.instant();
		Instant monthStart = LocalDate.now(this.clock.withZone(ZoneOffset.UTC))
			.withDayOfMonth(1)
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		List<Bar> steps = this.statistics.openStepsByTypeAndStep(offices)
			.stream()
			.map(count -> bar(words("caseType." + count.type(), count.type().name(), locale) + ": "
					+ words("step." + count.step(), count.step(), locale), count.cases(), locale))
			.toList();
		List<Bar> outcomes = this.statistics.decisionsByOutcome(offices, monthStart)
			.stream()
			.map(count -> bar(
					words("programme." + count.programme().toLowerCase(Locale.ROOT), count.programme(), locale) + ": "
							+ words("outcome." + count.outcome(), count.outcome(), locale),
					count.decisions(), locale))
			.toList();
		CaseStatistics.HasmDeadline deadline = this.statistics.hasmDeadline(offices, now, monthStart);
		List<Bar> hasm = List.of(bar(words("dashboard.hasm.overdue", null, locale), deadline.overdue(), locale),
				bar(words("dashboard.hasm.late", null, locale), deadline.decidedLate(), locale),
				bar(words("dashboard.hasm.inTime", null, locale), deadline.decidedInTime(), locale));
		model.addAttribute("charts", List.of(chart("steps", steps), chart("outcomes", outcomes), chart("hasm", hasm)));
		List<Money> money = this.funds.all()
			.stream()
			.filter(fund -> staff.sees(fund.office()))
			.map(DashboardController::money)
			.toList();
		model.addAttribute("money", money);
		model.addAttribute("moneyData", write(money));
		model.addAttribute("moneyLabels", write(List.of(words("dashboard.reserved", null, locale),
				words("dashboard.committed", null, locale), words("dashboard.balance", null, locale))));
		model.addAttribute("minimumCount", this.smallCounts.minimum());
		return "dashboard";
	}

	private Bar bar(String label, long count, Locale locale) {
		if (this.smallCounts.hidden(count)) {
			return new Bar(label, null, this.messages.getMessage("dashboard.fewerThan",
					new Object[] { this.smallCounts.minimum() }, locale));
		}
		return new Bar(label, count, java.text.NumberFormat.getIntegerInstance(locale).format(count));
	}

	private Chart chart(String id, List<Bar> bars) {
		return new Chart(id, bars, write(bars));
	}

	private String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Money money(Fund fund) {
		return new Money(fund.id(), fund.office(), fund.budget(), fund.reserved(), fund.committed(), fund.balance());
	}

	private String words(String key, String fallback, Locale locale) {
		return this.messages.getMessage(key, null, fallback == null ? key : fallback, locale);
	}

}
