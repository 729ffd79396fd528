package org.passage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.passage.cases.CaseService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries of docs/architecture.md, as the compiler cannot see them. */
@AnalyzeClasses(packages = "org.passage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule rulesKnowNoFramework = noClasses().that()
		.resideInAPackage("org.passage.rules..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.camunda..", "jakarta.servlet..", "java.sql..")
		.because("rules/ is a plain library: facts in, decisions out (design.md decision 4)");

	@ArchTest
	static final ArchRule rulesNeverReachIntoTheService = noClasses().that()
		.resideInAPackage("org.passage.rules..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.passage.decisiontables..", "org.passage.security..", "org.passage.system..");

	@ArchTest
	static final ArchRule decisionsKnowNoCasework = noClasses().that()
		.resideInAnyPackage("org.passage.decisions..", "org.passage.decisiontables..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.passage.cases..", "org.passage.tasks..", "org.passage.eligibility..",
				"org.passage.funds..")
		.because("casework calls decisions, never the other way round");

	@ArchTest
	static final ArchRule httpStaysInTheWebAdapters = noClasses().that()
		.resideInAnyPackage("org.passage.decisions", "org.passage.decisions.internal..", "org.passage.decisiontables",
				"org.passage.decisiontables.internal..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
		.because("requests, responses and idempotency keys belong to the web sub-packages");

	@ArchTest
	static final ArchRule featurePackagesHaveNoCycles = slices().matching("org.passage.(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * The services check roles themselves ({@code @PreAuthorize}); their methods without
	 * a role are the process engine's, and a page or API reaching one would skip the
	 * check. Telling who is calling needs no role.
	 */
	@ArchTest
	static final ArchRule controllersCallOnlyServiceMethodsThatCheckTheRole = classes().that()
		.areMetaAnnotatedWith(Controller.class)
		.should()
		.onlyCallMethodsThat(DescribedPredicate.describe("check the caller's role, if a service's",
				(JavaMethod method) -> !isService(method.getOwner()) || method.isAnnotatedWith(PreAuthorize.class)
						|| method.getOwner().isEquivalentTo(CaseService.class) && method.getName().equals("staff")))
		.because("a role is checked in the service layer, whichever adapter calls it");

	private static boolean isService(JavaClass owner) {
		return owner.getPackageName().startsWith("org.passage") && !owner.getPackageName().endsWith(".web")
				&& (owner.isMetaAnnotatedWith(Service.class) || owner.isMetaAnnotatedWith(Repository.class));
	}

}
