package org.passage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The service's modules, one per top-level package: no cycles, and no module reaching
 * into another's internals (sub-packages). The rules engine is a library the modules
 * share, not a module. The generated documentation (component diagrams and a canvas per
 * module) is committed under {@code docs/modules/}, which {@code docs/architecture.md}
 * links to.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(PassageApplication.class);

	@Test
	void modulesDependOnEachOthersApisOnlyAndNeverInACycle() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDocumentation() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs().toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> diagrams = Files.list(docs())) {
			for (Path diagram : diagrams.filter(file -> file.toString().endsWith(".puml")).toList()) {
				Files.write(diagram, inAStableOrder(Files.readAllLines(diagram)));
			}
		}
	}

	/**
	 * The Documenter lists a diagram's components and relations in a different order from
	 * run to run; sorted, the committed diagrams change only when the modules do.
	 */
	static List<String> inAStableOrder(List<String> lines) {
		List<String> sorted = new ArrayList<>(lines);
		int start = 0;
		while (start < sorted.size()) {
			String kind = kind(sorted.get(start));
			int end = start + 1;
			while (kind != null && end < sorted.size() && kind.equals(kind(sorted.get(end)))) {
				end++;
			}
			Collections.sort(sorted.subList(start, end));
			start = end;
		}
		return sorted;
	}

	private static String kind(String line) {
		for (String kind : List.of("  Component(", "Rel(")) {
			if (line.startsWith(kind)) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * {@code docs/modules} of the repository, from the service module's directory where
	 * Maven runs the tests.
	 */
	private static Path docs() {
		return Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("modules");
	}

}
