package org.passage.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.passage.rules.decision.Programme;
import org.passage.rules.engine.Compilation;
import org.passage.rules.engine.RulesetCompiler;
import org.passage.rules.table.TableFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Policy staff edit tables in LibreOffice Calc as well as in Excel. A table saved again
 * by Calc must still validate and still decide every scenario as before.
 */
class LibreOfficeRoundTripTest {

	private static final String SOFFICE = "/usr/bin/soffice";

	@BeforeAll
	static void needsLibreOffice() {
		boolean installed = Files.isExecutable(Path.of(SOFFICE));
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("LibreOffice is required in CI: .ci/run installs libreoffice-calc-nogui");
		}
		assumeTrue(installed, "LibreOffice is not installed here (apt-get install libreoffice-calc-nogui)");
	}

	@ParameterizedTest
	@EnumSource(Programme.class)
	void aTableSavedByCalcStillValidatesAndDecidesEveryScenario(Programme programme, @TempDir Path work)
			throws IOException, InterruptedException {
		TableFile original = PolicyTables.files(programme).get(0);
		Path in = Files.write(work.resolve(original.name()), original.content());
		Path out = Files.createDirectories(work.resolve("calc"));
		Process calc = new ProcessBuilder(SOFFICE, "--headless", "--norestore",
				"-env:UserInstallation=file://" + work.resolve("profile"), "--convert-to",
				"xlsx:Calc MS Excel 2007 XML", "--outdir", out.toString(), in.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(calc.waitFor(120, TimeUnit.SECONDS)).as("LibreOffice finished").isTrue();
		Path saved = out.resolve(original.name());
		assertThat(saved).exists();
		assertThat(Files.readAllBytes(saved)).as("Calc wrote its own file").isNotEqualTo(original.content());

		Compilation compilation = RulesetCompiler.compile(programme, "round trip",
				List.of(new TableFile(original.name(), Files.readAllBytes(saved))));
		assertThat(compilation.findings()).isEmpty();
		for (var row : TableScenariosTest.scenarios(programme)) {
			TableScenariosTest.check(compilation.orThrow(), row);
		}
	}

}
