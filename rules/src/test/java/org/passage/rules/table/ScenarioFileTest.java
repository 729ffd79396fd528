package org.passage.rules.table;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passage.rules.decision.Component;
import org.passage.rules.facts.Consent;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.OtherProgramme;
import org.passage.rules.facts.RiskLevel;
import org.passage.rules.facts.TextInputs;
import org.passage.rules.facts.VictimStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scenario files as staff upload them: read strictly, and written back so that a recorded
 * decision can become one more scenario.
 */
class ScenarioFileTest {

	static final String HEADER = "scenario,victimStatus,crossBorder,otherProgramme,consent,minor,unaccompanied,"
			+ "guardianAppointed,immediateDanger,requested,requestedAmount,fundBalance,reTraffickingRisk,priorGafCases,"
			+ "expect.decision,expect.approvalLevel,expect.reasons";

	static final String BAND_1 = "\"band 1, 500\",IDENTIFIED,true,NONE,GIVEN,false,false,false,false,MEDICAL,500.00,"
			+ "10000.00,LOW,0,ELIGIBLE,SUPERVISOR,GAF_BAND_1";

	@Test
	void readsEachScenarioByColumnNameWithQuotedCommasKept() {
		ScenarioFile file = read(HEADER + "\r\n" + BAND_1 + "\n\n");

		assertThat(file.rows()).singleElement().satisfies(row -> {
			assertThat(row.get("scenario")).isEqualTo("band 1, 500");
			assertThat(row.get("requestedAmount")).isEqualTo("500.00");
			assertThat(row.get("expect.reasons")).isEqualTo("GAF_BAND_1");
		});
	}

	@Test
	void refusesAFileWithoutAnInputColumnNamingIt() {
		assertThatThrownBy(() -> read(HEADER.replace(",priorGafCases", "") + "\n"))
			.isInstanceOfSatisfying(ScenarioFile.Unreadable.class, ex -> {
				assertThat(ex.line()).isEqualTo(1);
				assertThat(ex.getMessage()).contains("'priorGafCases' is missing");
			});
	}

	@Test
	void refusesAColumnNobodyReads() {
		assertThatThrownBy(() -> read(HEADER + ",expect.mood\n")).isInstanceOf(ScenarioFile.Unreadable.class)
			.hasMessageContaining("'expect.mood'");
		assertThatThrownBy(() -> read(HEADER.replace("scenario,", "name,") + "\n"))
			.hasMessageContaining("first column must be 'scenario'");
	}

	@Test
	void refusesALineWithMoreCellsThanColumnsNamingTheLine() {
		assertThatThrownBy(() -> read(HEADER + "\n" + BAND_1 + "\n" + BAND_1 + ",extra\n"))
			.isInstanceOfSatisfying(ScenarioFile.Unreadable.class, ex -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void refusesAFileLargerThanTheLimitButNotOneAtIt() {
		String base = HEADER + "\n" + BAND_1 + "\n";
		String exactly = base + " ".repeat(ScenarioFile.MAX_BYTES - base.length());
		assertThat(read(exactly).rows()).hasSize(1);
		assertThatThrownBy(() -> read(exactly + " ")).hasMessageContaining("larger than");
	}

	@Test
	void aRecordedInputWrittenAsAScenarioReadsBackAsTheSameInput() {
		GafInput input = new GafInput(VictimStatus.IDENTIFIED, true, OtherProgramme.NONE, Consent.GIVEN, false, false,
				false, false, EnumSet.of(Component.MEDICAL, Component.LEGAL), new BigDecimal("1200.50"),
				new BigDecimal("10000"), RiskLevel.LOW, 1);
		Map<String, String> row = new HashMap<>(TextInputs.write(input));
		assertThat(row).containsEntry("requested", "LEGAL MEDICAL").containsEntry("requestedAmount", "1200.50");
		row.put("scenario", "from decision 42, \"as recorded\"");
		row.put("expect.decision", "ELIGIBLE");

		ScenarioFile written = read(HEADER + "\n" + BAND_1 + "\n").with(row);
		ScenarioFile again = ScenarioFile.read(GafInput.class, written.write());

		assertThat(again.rows()).hasSize(2);
		Map<String, String> added = again.rows().get(1);
		assertThat(added.get("scenario")).isEqualTo("from decision 42, \"as recorded\"");
		assertThat(added.get("expect.approvalLevel")).isEmpty();
		assertThat(TextInputs.read(GafInput.class, added)).isEqualTo(input);
	}

	private static ScenarioFile read(String csv) {
		return ScenarioFile.read(GafInput.class, csv.getBytes(StandardCharsets.UTF_8));
	}

}
