package org.passage.impact;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.passage.cases.CaseService;
import org.passage.cases.CaseType;
import org.passage.cases.Person;
import org.passage.cases.Staff;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.decisiontables.PolicyChanges;
import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.Version;
import org.passage.funds.Funds;
import org.passage.impact.Impact.FundImpact;
import org.passage.impact.Impact.OfficeImpact;
import org.passage.impact.Impact.ReasonRef;
import org.passage.impact.Impact.ReasonShift;
import org.passage.impact.Impact.Shift;
import org.passage.impact.internal.SimulationStore;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.TextInputs;
import org.passage.rules.table.TableFile;
import org.passage.security.Roles;
import org.passage.testing.GafWorkbook;
import org.passage.testing.PassageIntegrationTest;
import org.passage.testing.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The impact of a GAF draft on a history of decisions recorded through the service, on
 * PostgreSQL. The draft makes two changes to reference policy v1 (domain.md §2.1):
 * <ul>
 * <li>the band-1 edge moves from 1000 to 1500 (G14: requestedAmount ≤ 1500, G15: above
 * 1500), so an identified victim asking more than 1000 and at most 1500 is band 1
 * (SUPERVISOR, GAF_BAND_1) instead of band 2 (REGIONAL, GAF_BAND_2);</li>
 * <li>a presumed victim's interim help (G13) is capped at 1500 instead of 1000.</li>
 * </ul>
 * Every expected figure below is worked out by hand from those rows; each seeded decision
 * says what v1 and the draft make of it.
 */
@PassageIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "editor", roles = "POLICY_EDITOR")
class ImpactSimulationIT {

	static final int YEAR = Instant.now().atZone(ZoneOffset.UTC).getYear();

	static final String NIAMEY = "NIM";

	static final String DAKAR = "DAK";

	@Autowired
	CaseService cases;

	@Autowired
	DecisionService decisions;

	@Autowired
	PolicyChanges changes;

	@Autowired
	ImpactSimulations simulations;

	@Autowired
	Funds funds;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Rulesets rulesets;

	@Autowired
	SimulationStore store;

	@Autowired
	DataSource dataSource;

	@Autowired
	Clock clock;

	long draft;

	Instant historyFrom;

	Instant historyTo;

	@BeforeAll
	void aHistoryOfGafDecisionsAndADraft() throws IOException {
		// The history is decided under reference policy v1 (another test class may have
		// left a version of its own in effect: it must not have).
		assertThat(this.rulesets.live(Programme.GAF).ruleset().version().label()).endsWith("v1 (shipped)");
		SignedIn.as("hq", Roles.HQ_APPROVER, () -> this.transactions.executeWithoutResult(status -> {
			this.funds.topUp(Programme.GAF, NIAMEY, YEAR, new BigDecimal("50000"));
			this.funds.topUp(Programme.GAF, DAKAR, YEAR, new BigDecimal("250"));
		}));
		String niamey = openCase(NIAMEY);
		String dakar = openCase(DAKAR);
		this.historyFrom = Instant.now().minusSeconds(1);
		// Niamey (9 decisions)
		decide(niamey, "IDENTIFIED", "500.00", 0, "10000"); // G14 both: unchanged
		decide(niamey, "IDENTIFIED", "1000.00", 0, "10000"); // G14 both: unchanged
		decide(niamey, "IDENTIFIED", "1000.01", 0, "10000"); // G15 REGIONAL → G14
																// SUPERVISOR
		decide(niamey, "IDENTIFIED", "1200.00", 0, "10000"); // G15 REGIONAL → G14
																// SUPERVISOR
		decide(niamey, "IDENTIFIED", "1500.00", 0, "10000"); // G15 REGIONAL → G14
																// SUPERVISOR
		decide(niamey, "IDENTIFIED", "1500.01", 0, "10000"); // G15 both: unchanged
		decide(niamey, "IDENTIFIED", "3500.00", 0, "10000"); // G16 HQ both: unchanged
		// a repeat case: G15 + G18 (at least REGIONAL) → G14 + G18: still REGIONAL, the
		// reasons change
		decide(niamey, "IDENTIFIED", "1200.00", 1, "10000");
		// presumed (G13): granted min(1200, 1000) = 1000 → min(1200, 1500) = 1200
		decide(niamey, "PRESUMED", "1200.00", 0, "10000");
		// Dakar (4 decisions)
		decide(dakar, "IDENTIFIED", "1250.00", 0, "10000"); // G15 REGIONAL → G14
															// SUPERVISOR
		decide(dakar, "IDENTIFIED", "800.00", 0, "10000"); // G14 both: unchanged
		// short of funds: G15 + G19b (pending funds, REGIONAL kept) → G14 + G19b
		// (SUPERVISOR)
		decide(dakar, "IDENTIFIED", "1200.00", 0, "1000");
		// presumed: 1000 → 1300
		decide(dakar, "PRESUMED", "1300.00", 0, "10000");
		// of no case: no office, no fund; G15 → G14
		decide(null, "IDENTIFIED", "1100.00", 0, "10000");
		this.historyTo = Instant.now().plusSeconds(1);

		byte[] workbook = gafDraft();
		this.draft = SignedIn.as("editor", Roles.POLICY_EDITOR,
				() -> this.changes
					.upload(Programme.GAF, new TableFile("gaf-eligibility.xlsx", workbook),
							"Band 1 up to 1500; interim help for presumed victims up to 1500", "editor")
					.version()
					.id());
	}

	@Test
	void replayingTheHistoryCountsExactlyTheDecisionsTheDraftChanges() {
		Simulation done = finished(
				this.simulations.start(this.draft, this.historyFrom, this.historyTo, null, "editor"));

		assertThat(done.status()).isEqualTo(Simulation.Status.DONE);
		assertThat(done.total()).isEqualTo(14);
		assertThat(done.processed()).isEqualTo(14);
		assertThat(done.percent()).isEqualTo(100);
		Impact impact = done.result();
		assertThat(impact.replayed()).isEqualTo(14);
		assertThat(impact.changed()).isEqualTo(9);
		assertThat(impact.notReproduced()).isZero();
		assertThat(impact.undecided()).isZero();
		assertThat(impact.unreadable()).isZero();
		assertThat(impact.outcomes()).containsExactlyInAnyOrder(new Shift("ELIGIBLE", "ELIGIBLE", 11),
				new Shift("ELIGIBLE_INTERIM", "ELIGIBLE_INTERIM", 2),
				new Shift("ELIGIBLE_PENDING_FUNDS", "ELIGIBLE_PENDING_FUNDS", 1));
		assertThat(impact.approvalLevels()).containsExactlyInAnyOrder(new Shift("SUPERVISOR", "SUPERVISOR", 5),
				new Shift("REGIONAL", "SUPERVISOR", 6), new Shift("REGIONAL", "REGIONAL", 2), new Shift("HQ", "HQ", 1));
		assertThat(impact.approvalMatrix()
			.count(impact.approvalMatrix().from().indexOf("REGIONAL"),
					impact.approvalMatrix().to().indexOf("SUPERVISOR")))
			.isEqualTo(6);
		assertThat(impact.offices()).containsExactlyInAnyOrder(new OfficeImpact(NIAMEY, 9, 5),
				new OfficeImpact(DAKAR, 4, 3), new OfficeImpact("", 1, 1));
		ReasonRef band1 = new ReasonRef("GAF_BAND_1", "GAF eligibility", "G14");
		ReasonRef band2 = new ReasonRef("GAF_BAND_2", "GAF eligibility", "G15");
		ReasonRef presumed = new ReasonRef("PRESUMED_VICTIM_INTERIM", "GAF eligibility", "G13");
		ReasonRef repeat = new ReasonRef("REPEAT_ASSISTANCE", "GAF adjustments", "G18");
		ReasonRef shortOfFunds = new ReasonRef("INSUFFICIENT_FUNDS", "GAF adjustments", "G19b");
		assertThat(impact.reasons()).containsExactlyInAnyOrder(new ReasonShift(List.of(band2), List.of(band1), 5),
				new ReasonShift(List.of(band2, repeat), List.of(band1, repeat), 1),
				new ReasonShift(List.of(band2, shortOfFunds), List.of(band1, shortOfFunds), 1),
				new ReasonShift(List.of(presumed), List.of(presumed), 2));
		assertThat(impact.funds()).extracting(FundImpact::fund, FundImpact::decisions, FundImpact::changed)
			.containsExactlyInAnyOrder(tuple("GAF-NIM-" + YEAR, 9L, 5L), tuple("GAF-DAK-" + YEAR, 4L, 3L),
					tuple("", 1L, 1L));
		FundImpact niameyFund = fund(impact, "GAF-NIM-" + YEAR);
		// 500 + 1000 + 1000.01 + 1200 + 1500 + 1500.01 + 3500 + 1200 + 1000 (presumed,
		// capped)
		assertThat(niameyFund.recorded()).isEqualByComparingTo("12400.02");
		assertThat(niameyFund.draft()).isEqualByComparingTo("12600.02");
		assertThat(niameyFund.difference()).isEqualByComparingTo("200.00");
		assertThat(niameyFund.balance()).isEqualByComparingTo("50000");
		assertThat(niameyFund.exceedsBalance()).isFalse();
		FundImpact dakarFund = fund(impact, "GAF-DAK-" + YEAR);
		// 1250 + 800 + 1200 + 1000 → 1250 + 800 + 1200 + 1300: 300 more than the 250 left
		assertThat(dakarFund.recorded()).isEqualByComparingTo("4250.00");
		assertThat(dakarFund.difference()).isEqualByComparingTo("300.00");
		assertThat(dakarFund.balance()).isEqualByComparingTo("250");
		assertThat(dakarFund.exceedsBalance()).isTrue();

		assertThat(impact.sample()).hasSize(9);
		Impact.ChangedDecision first = impact.sample().get(0);
		assertThat(first.office()).isEqualTo(NIAMEY);
		assertThat(first.fields()).containsExactly("approvalLevel", "reasons");
		assertThat(first.before().grantedAmount()).isEqualByComparingTo("1000.01");
		assertThat(first.before().approvalLevel()).isEqualTo("REGIONAL");
		assertThat(first.before().reasons()).containsExactly(band2);
		assertThat(first.after().approvalLevel()).isEqualTo("SUPERVISOR");
		assertThat(first.after().reasons()).containsExactly(band1);

		assertThat(history()).contains("SIMULATION_STARTED:editor", "SIMULATION_FINISHED:editor");
	}

	@Test
	void oneOfficeOrAnotherPeriodIsReplayedAlone() {
		Impact dakar = finished(this.simulations.start(this.draft, this.historyFrom, this.historyTo, DAKAR, "editor"))
			.result();
		assertThat(dakar.replayed()).isEqualTo(4);
		assertThat(dakar.changed()).isEqualTo(3);
		assertThat(dakar.offices()).containsExactly(new OfficeImpact(DAKAR, 4, 3));

		Simulation later = finished(this.simulations.start(this.draft, this.historyTo,
				this.historyTo.plus(Duration.ofDays(1)), null, "editor"));
		assertThat(later.total()).isZero();
		assertThat(later.result().replayed()).isZero();
	}

	@Test
	void aCancelledSimulationStopsAfterTheBatchItWasReplayingAndKeepsNoResult() {
		Gate gate = new Gate();
		// The same service with batches of 2 and a queue the test opens: the cancel is
		// asked for before the run reads anything, and seen after its first batch.
		ImpactSimulations held = new ImpactSimulations(this.changes, this.rulesets, this.store, this.funds,
				new ImpactReplay(this.dataSource, 2, 5), this.clock, gate);
		Simulation started = held.start(this.draft, this.historyFrom, this.historyTo, null, "editor");
		assertThat(started.status()).isEqualTo(Simulation.Status.RUNNING);
		assertThat(started.total()).isEqualTo(14);

		held.cancel(started.id(), "approver");
		gate.open();

		Simulation cancelled = finished(started);
		assertThat(cancelled.status()).isEqualTo(Simulation.Status.CANCELLED);
		assertThat(cancelled.processed()).isEqualTo(2);
		assertThat(cancelled.cancelledBy()).isEqualTo("approver");
		assertThat(cancelled.result()).isNull();
		assertThat(history()).contains("SIMULATION_CANCELLED:approver");
	}

	@Test
	void theReplayStreamsInBatchesAndStopsWhenToldTo() {
		ImpactReplay replay = new ImpactReplay(this.dataSource, 4, 0);
		ImpactReplay.Query all = new ImpactReplay.Query(Programme.GAF, this.historyFrom, this.historyTo, null);
		List<Long> told = new ArrayList<>();

		ImpactReplay.Outcome whole = replay.run(all, this.rulesets.version(this.draft).ruleset(),
				id -> this.rulesets.version(id).ruleset(), processed -> told.add(processed));

		assertThat(told).containsExactly(4L, 8L, 12L, 14L);
		assertThat(whole.finished()).isTrue();
		assertThat(whole.impact().changed()).isEqualTo(9);
		assertThat(whole.impact().sample()).isEmpty();

		ImpactReplay.Outcome stopped = replay.run(all, this.rulesets.version(this.draft).ruleset(),
				id -> this.rulesets.version(id).ruleset(), processed -> processed < 8);
		assertThat(stopped.finished()).isFalse();
		assertThat(stopped.processed()).isEqualTo(8);
		assertThat(stopped.impact().replayed()).isEqualTo(8);
	}

	@Test
	void batchesCountedApartOnWorkersComeToWhatOneCountOfTheWholeHistoryDoes() {
		ImpactReplay.Query all = new ImpactReplay.Query(Programme.GAF, this.historyFrom, this.historyTo, null);
		// One batch of every decision on the calling thread, against batches of 2 on
		// three workers that finish in any order: the counts, the money and the sample
		// (the first changed decisions, in the order they were made) are the same.
		Impact whole = new ImpactReplay(this.dataSource, 100, 20, 1)
			.run(all, this.rulesets.version(this.draft).ruleset(), id -> this.rulesets.version(id).ruleset(),
					processed -> true)
			.impact();
		Impact inPairs = new ImpactReplay(this.dataSource, 2, 20, 3)
			.run(all, this.rulesets.version(this.draft).ruleset(), id -> this.rulesets.version(id).ruleset(),
					processed -> true)
			.impact();

		assertThat(whole.changed()).isEqualTo(9);
		assertThat(inPairs).isEqualTo(whole);
		// Niamey's 1000.01, 1200, 1500, the repeat case's 1200 and the presumed victim's
		// capped 1000; Dakar's 1250, 1200 short of funds and capped 1000; then 1100 of no
		// case.
		assertThat(inPairs.sample())
			.extracting(changed -> changed.before().grantedAmount().stripTrailingZeros().toPlainString())
			.containsExactly("1000.01", "1200", "1500", "1200", "1000", "1250", "1200", "1000", "1100");
	}

	@Test
	void onlyAVersionStillToTakeEffectIsSimulatedAndThePeriodMustBeOne() {
		long shipped = this.changes.versions(Programme.GAF)
			.stream()
			.filter(v -> v.origin().equals("SHIPPED"))
			.mapToLong(Version::id)
			.findFirst()
			.orElseThrow();
		assertThat(refusal(() -> this.simulations.start(shipped, this.historyFrom, this.historyTo, null, "editor")))
			.isEqualTo("id");
		assertThat(refusal(() -> this.simulations.start(this.draft, this.historyTo, this.historyFrom, null, "editor")))
			.isEqualTo("to");
		assertThat(
				refusal(() -> this.simulations.start(this.draft, this.historyFrom, this.historyTo, "T'UN", "editor")))
			.isEqualTo("office");
	}

	private static String refusal(Runnable action) {
		try {
			action.run();
		}
		catch (org.passage.decisiontables.LifecycleRefused refused) {
			return refused.field();
		}
		throw new AssertionError("not refused");
	}

	private Simulation finished(Simulation started) {
		Instant deadline = Instant.now().plusSeconds(60);
		Simulation now = started;
		while (now.running() && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			now = this.simulations.get(started.id());
		}
		assertThat(now.running()).as("simulation %s still running", now.id()).isFalse();
		return now;
	}

	private static FundImpact fund(Impact impact, String id) {
		return impact.funds().stream().filter(fund -> fund.fund().equals(id)).findFirst().orElseThrow();
	}

	private List<String> history() {
		return this.changes.history(this.draft).stream().map(event -> event.action() + ":" + event.actor()).toList();
	}

	private String openCase(String office) {
		Staff officer = new Staff("officer", Set.of(Roles.CASE_OFFICER), List.of(office));
		return SignedIn.as("officer", Roles.CASE_OFFICER,
				() -> this.cases
					.open(CaseType.VOT, office, new Person("Amina", "K.", Person.Sex.FEMALE, 1998, "NGA"), officer)
					.reference());
	}

	/**
	 * Records a GAF decision through the service: a cross-border victim with consent, no
	 * other programme, asking for medical care.
	 */
	private void decide(String caseReference, String victimStatus, String amount, int priorCases, String balance) {
		Map<String, String> input = new HashMap<>(
				Map.ofEntries(Map.entry("victimStatus", victimStatus), Map.entry("crossBorder", "true"),
						Map.entry("otherProgramme", "NONE"), Map.entry("consent", "GIVEN"), Map.entry("minor", "false"),
						Map.entry("unaccompanied", "false"), Map.entry("guardianAppointed", "false"),
						Map.entry("immediateDanger", "false"), Map.entry("requested", "MEDICAL"),
						Map.entry("requestedAmount", amount), Map.entry("fundBalance", balance),
						Map.entry("reTraffickingRisk", "LOW"), Map.entry("priorGafCases", String.valueOf(priorCases))));
		this.decisions.record(TextInputs.read(GafInput.class, input),
				new DecisionContext(caseReference, "officer", Locale.ENGLISH));
	}

	/**
	 * The shipped GAF workbook with the band-1 edge at 1500 (row 25 G14, column P "Amount
	 * up to"; row 26 G15, column O "Amount above") and G13's cap at 1500 (row 24, column
	 * W "Pay requested amount up to").
	 */
	static byte[] gafDraft() {
		return GafWorkbook.withBandOneUpTo(1500, workbook -> {
			Sheet rules = workbook.getSheet("Rules");
			assertThat(rules.getRow(23).getCell(0).getStringCellValue()).isEqualTo("G13");
			assertThat(new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(rules.getRow(23).getCell(22)))
				.isEqualTo("1000");
			rules.getRow(23).getCell(22).setCellValue("1500");
		});
	}

	/** An executor whose runs wait until the test opens it. */
	static final class Gate implements Executor {

		private final List<Runnable> waiting = new ArrayList<>();

		@Override
		public synchronized void execute(Runnable run) {
			this.waiting.add(run);
		}

		synchronized void open() {
			this.waiting.forEach(run -> new Thread(run, "impact-simulation-test").start());
			this.waiting.clear();
		}

	}

}
