package org.passage.rules.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.RulesetVersion;
import org.passage.rules.table.Finding;
import org.passage.rules.table.Grid;
import org.passage.rules.table.RuleSheet;
import org.passage.rules.table.RuleTable;
import org.passage.rules.table.RuleTable.TableRow;
import org.passage.rules.table.TableAnalyser;
import org.passage.rules.table.TableFile;
import org.passage.rules.table.TableReader;

/**
 * Compiles decision tables into a {@link Ruleset} at run time, the way production does it
 * and the way every test does it: read the files defensively, analyse them, let Drools'
 * spreadsheet compiler turn each rules sheet into DRL, build it, and check what came out.
 */
public final class RulesetCompiler {

	/** Drools marks each generated rule with the cell its values came from. */
	private static final Pattern RULE_ORIGIN = Pattern.compile("^// rule values at ([A-Z]+)(\\d+)");

	/**
	 * A generated rule with no condition: a table row whose condition cells are all
	 * empty.
	 */
	private static final Pattern NO_CONDITION = Pattern.compile("(?m)^([ \\t]*)when[ \\t]*\\r?\\n[ \\t]*then[ \\t]*$");

	/** A kmodule whose default KieBase runs the alpha-network compiler in memory. */
	private static final String ALPHA_NETWORK_COMPILER_KMODULE = """
			<kmodule xmlns="http://www.drools.org/xsd/kmodule">
			  <configuration>
			    <property key="drools.alphaNetworkCompiler" value="INMEMORY"/>
			  </configuration>
			  <kbase name="passage" default="true">
			    <ksession name="passage-session" default="true"/>
			  </kbase>
			</kmodule>
			""";

	/** The name of a generated rule, at the start of its text. */
	private static final Pattern RULE_NAME = Pattern.compile("^\"([^\"]+)\"");

	/** The ruleflow group a generated rule runs in. */
	/** What a rule of a generated DRL has between {@code when} and {@code then}. */
	private static final Pattern CONDITIONS = Pattern.compile("(?ms)^\\s*when\\s*$(.*?)^\\s*then\\s*$");

	private static final Pattern RULEFLOW_GROUP = Pattern.compile("(?m)^\\s*ruleflow-group\\s+\"([^\"]+)\"");

	/** The package a generated DRL declares. */
	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)", Pattern.MULTILINE);

	/**
	 * Each build is a KieModule of its own version, so that concurrent builds never meet.
	 */
	private static final AtomicLong BUILDS = new AtomicLong();

	private RulesetCompiler() {
	}

	/**
	 * Compiles the tables of one programme.
	 * @param programme whose decisions the tables make
	 * @param label a human label for the version, e.g. {@code gaf-eligibility v1}
	 * @param files the workbooks (XLSX) or CSV files; reason messages may sit in any of
	 * them
	 */
	public static Compilation compile(Programme programme, String label, List<TableFile> files) {
		return compile(programme, label, files, Build.DRL, true);
	}

	/**
	 * Compiles tables that passed {@link #compile} once already, as a stored version did
	 * before it could go to review: the same build without the analysis of its rows (the
	 * search for gaps and shadowed rows), about half of GAF's compile time. A version
	 * that has made decisions also keeps compiling if a later release's analysis finds
	 * more.
	 */
	public static Compilation compileValidated(Programme programme, String label, List<TableFile> files) {
		return compile(programme, label, files, Build.DRL, false);
	}

	/**
	 * How Drools builds the generated DRL: its interpreted (mvel) rule base, or the
	 * executable model ({@code drools-model-codegen} on the class path), optionally with
	 * the alpha-network compiler. ADR 0008 compares them.
	 */
	enum Build {

		DRL(null, false), EXECUTABLE_MODEL("org.drools.model.codegen.ExecutableModelProject", false),
		EXECUTABLE_MODEL_ALPHA_NETWORK_COMPILER("org.drools.model.codegen.ExecutableModelProject", true);

		final String project;

		final boolean alphaNetworkCompiler;

		Build(String project, boolean alphaNetworkCompiler) {
			this.project = project;
			this.alphaNetworkCompiler = alphaNetworkCompiler;
		}

	}

	static Compilation compile(Programme programme, String label, List<TableFile> files, Build how) {
		return compile(programme, label, files, how, true);
	}

	private static Compilation compile(Programme programme, String label, List<TableFile> files, Build how,
			boolean analyse) {
		List<Finding> findings = new ArrayList<>();
		List<RuleSheet> sheets = new ArrayList<>();
		ReasonMessages messages = ReasonMessages.empty();
		for (TableFile file : files) {
			for (Grid grid : TableReader.read(file, findings)) {
				if (RuleSheet.isRuleSheet(grid)) {
					sheets.add(RuleSheet.parse(file.name(), grid, findings));
				}
				else if (ReasonMessages.isReasonSheet(grid)) {
					messages = messages.with(ReasonMessages.parse(grid));
				}
			}
		}
		if (findings.isEmpty()
				&& sheets.stream().flatMap(sheet -> sheet.tables().stream()).allMatch(t -> t.rows().isEmpty())) {
			findings.add(new Finding(Finding.Kind.NO_RULES, files.isEmpty() ? "(no files)" : files.get(0).name(), null,
					null, null,
					"No rule rows found: is there a sheet with the RuleSet keyword and RuleTables under it?"));
		}
		if (!findings.isEmpty()) {
			return new Compilation(findings, Optional.empty());
		}
		if (analyse) {
			sheets.forEach(sheet -> TableAnalyser.analyse(sheet, findings));
		}
		checkVocabulary(programme, sheets, findings);
		checkMessages(sheets, messages, findings);
		if (!findings.isEmpty()) {
			// Drools would only report the same cells again, less clearly.
			return new Compilation(findings, Optional.empty());
		}
		Map<String, String> groups = new HashMap<>();
		Set<String> groupsMatchingOutcome = new HashSet<>();
		KieBase kieBase = build(files, sheets, findings, how, groups, groupsMatchingOutcome);
		List<Stage> stages = stages(sheets, groupsMatchingOutcome);
		int rules = kieBase == null ? 0
				: kieBase.getKiePackages().stream().mapToInt(pkg -> pkg.getRules().size()).sum();
		if (kieBase != null && rules == 0) {
			findings.add(new Finding(Finding.Kind.NO_RULES, files.isEmpty() ? "(no files)" : files.get(0).name(), null,
					null, null, "The tables compile to no rules. Is there a RuleSet with RuleTables and rows?"));
		}
		if (!findings.isEmpty()) {
			return new Compilation(findings, Optional.empty());
		}
		RulesetVersion version = new RulesetVersion(label, hash(files));
		return new Compilation(findings,
				Optional.of(new Ruleset(programme, version, kieBase, stages, groups, messages, rules)));
	}

	/**
	 * SHA-256 over the files' names and bytes, in order: the identity a decision records.
	 */
	public static String hash(List<TableFile> files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (TableFile file : files) {
				digest.update(file.name().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(file.content());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Stage> stages(List<RuleSheet> sheets, Set<String> groupsMatchingOutcome) {
		List<Stage> stages = new ArrayList<>();
		for (RuleSheet sheet : sheets) {
			for (RuleTable table : sheet.tables()) {
				stages.add(new Stage(table.stage(), table.name(), table.firstHit(), readsOutcome(table),
						groupsMatchingOutcome.contains(table.stage())));
			}
		}
		return stages;
	}

	/**
	 * Whether a condition of {@code table} reads the outcome of the stages before it:
	 * names {@link Outcome} in its pattern or its template.
	 */
	static boolean readsOutcome(RuleTable table) {
		String outcome = Outcome.class.getSimpleName();
		return table.columns()
			.stream()
			.filter(column -> column.kind() == RuleTable.ColumnKind.CONDITION)
			.anyMatch(column -> column.pattern().contains(outcome) || column.template().contains(outcome));
	}

	private static void checkVocabulary(Programme programme, List<RuleSheet> sheets, List<Finding> findings) {
		String expected = programme.definition().draftType().getName() + " out";
		for (RuleSheet sheet : sheets) {
			if (!sheet.variables().contains(expected)) {
				findings.add(new Finding(Finding.Kind.STRUCTURE, sheet.source(), sheet.grid().sheet(), null, null,
						"A " + programme + " rules sheet must declare the variable '" + expected + "'."));
			}
		}
	}

	private static void checkMessages(List<RuleSheet> sheets, ReasonMessages messages, List<Finding> findings) {
		for (RuleSheet sheet : sheets) {
			TableAnalyser.reasonCodes(sheet)
				.stream()
				.distinct()
				.filter(code -> !messages.hasEnglish(code))
				.forEach(code -> findings.add(new Finding(Finding.Kind.MISSING_MESSAGE, sheet.source(), "Reasons", null,
						null, "Reason code " + code + " has no English message in the Reasons sheet.")));
		}
	}

	/** The generated DRL of one rules sheet, where it sits in the KieFileSystem. */
	private record Source(RuleSheet sheet, String drl, String path) {
	}

	/**
	 * Builds the sheets with Drools' public API: each sheet's generated DRL is one
	 * {@code .drl} resource of an in-memory KieModule of its own, removed from the
	 * KieRepository once its KieBase is made, so compilations neither share nor leak
	 * modules.
	 */
	private static KieBase build(List<TableFile> files, List<RuleSheet> sheets, List<Finding> findings, Build how,
			Map<String, String> groups, Set<String> groupsMatchingOutcome) {
		KieServices kie = KieServices.get();
		KieFileSystem kfs = kie.newKieFileSystem();
		ReleaseId releaseId = kie.newReleaseId("org.passage.rulesets", "ruleset", "1.0." + BUILDS.incrementAndGet());
		kfs.generateAndWritePomXML(releaseId);
		List<Source> sources = new ArrayList<>();
		for (RuleSheet sheet : sheets) {
			TableFile file = files.stream().filter(f -> f.name().equals(sheet.source())).findFirst().orElseThrow();
			String drl;
			try {
				SpreadsheetCompiler compiler = new SpreadsheetCompiler();
				drl = file.isCsv() ? compiler.compile(new ByteArrayInputStream(file.content()), InputType.CSV)
						: compiler.compile(new ByteArrayInputStream(file.content()), sheet.grid().sheet());
			}
			catch (RuntimeException ex) {
				findings.add(new Finding(Finding.Kind.STRUCTURE, sheet.source(), sheet.grid().sheet(), null, null,
						"Drools cannot read the sheet: " + ex.getMessage()));
				continue;
			}
			drl = matchEveryStage(drl);
			groups.putAll(ruleflowGroups(drl));
			groupsMatchingOutcome.addAll(groupsMatchingOutcome(drl));
			// P1: a resource is compiled as DRL only if its path ends in .drl. Its folder
			// follows its package, as Drools advises.
			Matcher pkg = PACKAGE.matcher(drl);
			String path = (pkg.find() ? pkg.group(1).replace('.', '/') : "passage") + "/sheet-" + sources.size()
					+ ".drl";
			kfs.write("src/main/resources/" + path, drl);
			sources.add(new Source(sheet, drl, path));
		}
		if (!findings.isEmpty()) {
			return null;
		}
		ClassLoader classes = RulesetCompiler.class.getClassLoader();
		if (how.alphaNetworkCompiler) {
			kfs.writeKModuleXML(ALPHA_NETWORK_COMPILER_KMODULE);
		}
		KieBuilder builder = kie.newKieBuilder(kfs, classes);
		if (how.project == null) {
			builder.buildAll();
		}
		else {
			try {
				@SuppressWarnings("unchecked")
				Class<? extends org.kie.api.builder.KieBuilder.ProjectType> project = (Class<? extends org.kie.api.builder.KieBuilder.ProjectType>) Class
					.forName(how.project, true, classes);
				builder.buildAll(project);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(how + " needs " + how.project + " on the class path", ex);
			}
		}
		try {
			List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
			for (Message error : errors) {
				Optional<Source> source = sources.stream().filter(s -> s.path().equals(error.getPath())).findFirst();
				findings.add(source.map(s -> locate(error, s.drl(), s.sheet()))
					.orElseGet(() -> new Finding(Finding.Kind.COMPILE_ERROR, sheets.get(0).source(), null, null, null,
							error.getText().trim())));
			}
			if (!errors.isEmpty()) {
				return null;
			}
			return kie.newKieContainer(releaseId, classes).getKieBase();
		}
		finally {
			kie.getRepository().removeKieModule(releaseId);
		}
	}

	/**
	 * A row without conditions applies to every input. Drools matches such a rule on its
	 * initial fact, once per session, so in a reused session it would fire for the first
	 * decision only. It is given the stage's {@link Outcome} instead, which every stage
	 * inserts afresh: the rule then fires once per decision, as it does in a new session.
	 */
	static String matchEveryStage(String drl) {
		return NO_CONDITION.matcher(drl).replaceAll("$1when\n$1\t" + Outcome.class.getName() + "()\n$1then");
	}

	/**
	 * The ruleflow group of each rule of a generated DRL, by {@link #ruleKey package and
	 * name}: what tells a fired rule's stage.
	 */
	static Map<String, String> ruleflowGroups(String drl) {
		Matcher pkg = PACKAGE.matcher(drl);
		String packageName = pkg.find() ? pkg.group(1) : "";
		Map<String, String> groups = new HashMap<>();
		String[] rules = drl.split("(?m)^\\s*rule\\s+");
		for (int i = 1; i < rules.length; i++) {
			Matcher name = RULE_NAME.matcher(rules[i]);
			Matcher group = RULEFLOW_GROUP.matcher(rules[i]);
			if (name.find() && group.find()) {
				groups.put(ruleKey(packageName, name.group(1)), group.group(1));
			}
		}
		return groups;
	}

	/**
	 * The ruleflow groups of a generated DRL with a rule whose conditions name
	 * {@link Outcome}.
	 */
	static Set<String> groupsMatchingOutcome(String drl) {
		Set<String> groups = new HashSet<>();
		String[] rules = drl.split("(?m)^\\s*rule\\s+");
		for (int i = 1; i < rules.length; i++) {
			Matcher group = RULEFLOW_GROUP.matcher(rules[i]);
			Matcher conditions = CONDITIONS.matcher(rules[i]);
			if (group.find() && conditions.find() && conditions.group(1).contains(Outcome.class.getSimpleName())) {
				groups.add(group.group(1));
			}
		}
		return groups;
	}

	/** A rule's identity in a KieBase: its package and its name. */
	static String ruleKey(String packageName, String ruleName) {
		return packageName + "/" + ruleName;
	}

	/**
	 * Turns a DRL compile error back into the sheet row (and, where it can tell, the
	 * cell) it came from.
	 */
	private static Finding locate(Message error, String drl, RuleSheet sheet) {
		int line = error.getLine() > 0 ? error.getLine() : -1;
		String[] lines = drl.split("\n");
		int gridRow = -1;
		for (int i = Math.min(line, lines.length) - 1; i >= 0 && gridRow < 0; i--) {
			Matcher origin = RULE_ORIGIN.matcher(lines[i].trim());
			if (origin.find()) {
				gridRow = Integer.parseInt(origin.group(2)) - 1;
			}
		}
		for (RuleTable table : sheet.tables()) {
			for (TableRow row : table.rows()) {
				if (row.gridRow() == gridRow) {
					int column = table.columns().get(0).index();
					for (int c = 0; c < row.cells().size(); c++) {
						String cell = row.cells().get(c);
						if (!cell.isEmpty() && error.getText().contains(cell)
								&& table.columns().get(c).kind() != RuleTable.ColumnKind.NAME) {
							column = table.columns().get(c).index();
						}
					}
					return new Finding(Finding.Kind.COMPILE_ERROR, sheet.source(), sheet.grid().sheet(),
							Grid.address(gridRow, column), row.name(), error.getText().trim());
				}
			}
		}
		return new Finding(Finding.Kind.COMPILE_ERROR, sheet.source(), sheet.grid().sheet(), null, null,
				error.getText().trim());
	}

}
