package org.passage;

import java.nio.file.Path;

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
	void writesTheModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs().toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

	/**
	 * {@code docs/modules} of the repository, from the service module's directory where
	 * Maven runs the tests.
	 */
	private static Path docs() {
		return Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("modules");
	}

}
