package org.passage.rules.table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.passage.rules.Fixtures;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Compilation;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.Finding.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** Each broken table yields its own finding, located where policy staff can find it. */
class TableValidationTest {

	@Test
	void findsNothingWrongWithAValidTable() {
		Compilation compilation = compile("valid");
		assertThat(compilation.findings()).isEmpty();
		assertThat(compilation.orThrow().ruleCount()).isEqualTo(3);
	}

	@Test
	void locatesADroolsSyntaxErrorAtItsRow() {
		// The action template lacks its ';', which only the Java compiler behind Drools
		// notices.
		assertThat(compile("syntax-error").findings()).isNotEmpty().allSatisfy(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.COMPILE_ERROR);
			assertThat(finding.sheet()).isNull(); // a CSV file has no sheets
		}).anySatisfy(finding -> {
			assertThat(finding.row()).isEqualTo("T1");
			assertThat(finding.cell()).endsWith("11");
		});
	}

	@Test
	void rejectsATableThatCompilesToNoRules() {
		assertThat(compile("zero-rules").findings()).extracting(Finding::kind).containsExactly(Kind.NO_RULES);
	}

	@Test
	void findsAGapAndGivesAnExampleOfAnUndecidedInput() {
		assertThat(compile("gap").findings()).singleElement().satisfies(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.GAP);
			assertThat(finding.cell()).isEqualTo("A6");
			assertThat(finding.message()).contains("Consent check").containsPattern("consent=(PENDING|WITHDRAWN)");
		});
	}

	@Test
	void findsARowThatTheRowsAboveItHide() {
		assertThat(compile("shadowed-row").findings()).singleElement().satisfies(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.SHADOWED_ROW);
			assertThat(finding.row()).isEqualTo("T2");
			assertThat(finding.cell()).isEqualTo("A12");
		});
	}

	@Test
	void compilesAValidatedVersionWithoutSearchingItsRowsAgain() {
		// A stored version passed the analysis when it went to review; a later release
		// may analyse more strictly, and the version must still decide as it did.
		for (String analysedOnly : List.of("gap", "shadowed-row")) {
			Compilation validated = RulesetCompiler.compileValidated(Programme.GAF, analysedOnly,
					Fixtures.brokenTable(analysedOnly));
			assertThat(validated.findings()).as(analysedOnly).isEmpty();
			assertThat(validated.orThrow().ruleCount()).as(analysedOnly).isPositive();
		}
		// What Drools itself cannot build is still refused.
		assertThat(RulesetCompiler.compileValidated(Programme.GAF, "syntax-error", Fixtures.brokenTable("syntax-error"))
			.findings()).extracting(Finding::kind).contains(Kind.COMPILE_ERROR);
		assertThat(RulesetCompiler.compileValidated(Programme.GAF, "valid", Fixtures.brokenTable("valid"))
			.orThrow()
			.version()).isEqualTo(compile("valid").orThrow().version());
	}

	@Test
	void namesAnUnknownEnumValueAndTheValuesAllowed() {
		assertThat(compile("unknown-enum").findings()).anySatisfy(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_VALUE);
			assertThat(finding.cell()).isEqualTo("D11");
			assertThat(finding.message()).contains("'GRANTED'", "GIVEN, PENDING, REFUSED, WITHDRAWN");
		});
	}

	@Test
	void namesAnUnknownField() {
		assertThat(compile("unknown-field").findings()).anySatisfy(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
			assertThat(finding.cell()).isEqualTo("D9");
			assertThat(finding.message()).contains("GafInput has no field 'consentGiven'");
		});
	}

	@Test
	void requiresAnEnglishMessageForEveryReasonCode() {
		assertThat(compile("missing-message").findings()).singleElement().satisfies(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.MISSING_MESSAGE);
			assertThat(finding.message()).contains("TINY");
		});
	}

	@Test
	void locatesAFindingInAWorkbookBySheetAndCell() throws IOException {
		String[][] rows = { { "RuleSet", "org.passage.test" },
				{ "Import", "org.passage.rules.facts.*, org.passage.rules.decision.*" },
				{ "Variables", "org.passage.rules.engine.GafDraft out" }, {}, { "RuleTable Consent" },
				{ "NAME", "ACTIVATION-GROUP", "RULEFLOW-GROUP", "CONDITION", "ACTION" },
				{ "", "", "", "$i: GafInput()", "" },
				{ "", "", "", "consent == Consent.$param", "out.decide(Eligibility.$param);" },
				{ "Row", "Hit", "Stage", "Consent", "Decision" }, { "T1", "decide", "decide", "GIVEN", "ELIGIBLE" },
				{ "T2", "decide", "decide", "", "MAYBE" } };
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Policy");
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(bytes);
		}
		List<Finding> findings = RulesetCompiler
			.compile(Programme.GAF, "test", List.of(new TableFile("policy.xlsx", bytes.toByteArray())))
			.findings();
		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.UNKNOWN_VALUE);
			assertThat(finding.location()).isEqualTo("policy.xlsx!Policy!E11");
			assertThat(finding.row()).isEqualTo("T2");
			assertThat(finding.message()).contains("'MAYBE'", "NOT_ELIGIBLE");
		});
	}

	@Test
	void refusesFormulasInAWorkbook() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Rules");
			sheet.createRow(0).createCell(0).setCellValue("RuleSet");
			sheet.createRow(1).createCell(1).setCellFormula("[1]Other!A1*2");
			workbook.write(bytes);
		}
		List<Finding> findings = RulesetCompiler
			.compile(Programme.GAF, "test", List.of(new TableFile("linked.xlsx", bytes.toByteArray())))
			.findings();
		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.kind()).isEqualTo(Kind.FORMULA);
			assertThat(finding.location()).isEqualTo("linked.xlsx!Rules!B2");
		});
	}

	@Test
	void refusesAZipBombAnOversizedFileAndAFileThatIsNoWorkbook() throws IOException {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
			zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
			zip.write(new byte[20 * 1024 * 1024]); // 20 MiB of zeros compress about a
													// thousandfold
			zip.closeEntry();
		}
		assertThat(unreadable(new TableFile("bomb.xlsx", bomb.toByteArray()))).contains("Zip bomb");
		assertThat(unreadable(new TableFile("huge.xlsx", new byte[TableReader.MAX_BYTES + 1])))
			.contains("the limit is " + TableReader.MAX_BYTES);
		assertThat(unreadable(new TableFile("text.xlsx", "not a workbook".getBytes()))).contains("Not a readable XLSX");
	}

	@Test
	void requiresARulesSheetToDeclareItsProgrammesDraft() {
		TableFile hasm = OneTable.on("$i: GafInput()")
			.when("consent == Consent.$param")
			.declaring("org.passage.rules.engine.HasmDraft out")
			.row("T1", "", "ELIGIBLE")
			.file();
		assertThat(RulesetCompiler.compile(Programme.GAF, "test", List.of(hasm)).findings()).singleElement()
			.satisfies(finding -> {
				assertThat(finding.kind()).isEqualTo(Kind.STRUCTURE);
				assertThat(finding.location()).isEqualTo("table.csv");
				assertThat(finding.message()).contains("'org.passage.rules.engine.GafDraft out'");
			});
	}

	@Test
	void acceptsAFileOfExactlyTheMaximumSize() {
		// Refused for what it is (no workbook), not for its size.
		assertThat(unreadable(new TableFile("largest.xlsx", new byte[TableReader.MAX_BYTES])))
			.startsWith("Not a readable XLSX workbook")
			.doesNotContain("limit");
	}

	private static String unreadable(TableFile file) {
		List<Finding> findings = RulesetCompiler.compile(Programme.GAF, "test", List.of(file)).findings();
		assertThat(findings).extracting(Finding::kind).containsExactly(Kind.UNREADABLE);
		return findings.get(0).message();
	}

	private static Compilation compile(String fixture) {
		return RulesetCompiler.compile(Programme.GAF, fixture, Fixtures.brokenTable(fixture));
	}

}
