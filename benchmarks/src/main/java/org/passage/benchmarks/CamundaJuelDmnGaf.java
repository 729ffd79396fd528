package org.passage.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.passage.rules.decision.ApprovalLevel;
import org.passage.rules.decision.Component;
import org.passage.rules.decision.Eligibility;
import org.passage.rules.decision.Priority;
import org.passage.rules.decision.Route;
import org.passage.rules.facts.GafInput;

/**
 * GAF eligibility on the Camunda 7 DMN engine written the fastest way it can express the
 * policy: the rows of {@code gaf-eligibility.dmn}, rewritten when loaded so that no FEEL
 * is re-parsed. Input entries are simple unary tests for Camunda's legacy FEEL engine,
 * which turns each into a JUEL expression once and caches it; input expressions are JUEL;
 * output entries are JUEL string literals. JUEL cannot filter a list, so where the FEEL
 * grants "the requested services among these" or pays "the requested amount up to 1,000
 * if any is granted", the table names the rule and the few lines below apply it, just as
 * Passage's tables name {@code grantRequestedAmong} and {@code payRequestedUpTo} in their
 * action cells.
 */
final class CamundaJuelDmnGaf {

	private static final Pattern FILTER = Pattern.compile("requested\\[((?:item = \"\\w+\"(?: or )?)+)\\]");

	private static final Pattern QUOTED = Pattern.compile("\"(\\w+)\"");

	private final DmnEngine engine;

	private final DmnDecision decide;

	private final DmnDecision adjust;

	private final DmnDecision priority;

	CamundaJuelDmnGaf() {
		DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration();
		configuration.enableFeelLegacyBehavior(true);
		configuration.setDefaultInputExpressionExpressionLanguage("juel");
		configuration.setDefaultOutputEntryExpressionLanguage("juel");
		this.engine = configuration.buildEngine();
		try (InputStream dmn = CamundaJuelDmnGaf.class.getResourceAsStream("/gaf-eligibility.dmn")) {
			String juel = forJuel(new String(dmn.readAllBytes(), StandardCharsets.UTF_8));
			List<DmnDecision> decisions = this.engine
				.parseDecisions(new ByteArrayInputStream(juel.getBytes(StandardCharsets.UTF_8)));
			this.decide = find(decisions, "gaf-decide");
			this.adjust = find(decisions, "gaf-adjust");
			this.priority = find(decisions, "gaf-priority");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The FEEL DMN's text rewritten: each input expression becomes JUEL, {@code -}
	 * becomes an empty (any) entry, and each output entry a plain text value.
	 */
	static String forJuel(String feel) {
		StringBuilder out = new StringBuilder();
		Matcher element = Pattern.compile("<(inputExpression|inputEntry|outputEntry)([^>]*)><text>([^<]*)</text>")
			.matcher(feel);
		while (element.find()) {
			String kind = element.group(1);
			String text = element.group(3).replace("&gt;", ">").replace("&lt;", "<");
			String rewritten = switch (kind) {
				case "inputExpression" -> "${"
						+ text.replaceAll("list contains\\(requested, \"(\\w+)\"\\)", "requested.contains('$1')") + "}";
				case "inputEntry" -> text.equals("-") ? "" : text;
				default -> {
					String value = outputText(text);
					yield value.isEmpty() ? "" : "${'" + value + "'}";
				}
			};
			String attributes = element.group(2).replace("typeRef=\"number\"", "");
			element.appendReplacement(out, Matcher.quoteReplacement("<" + kind + attributes + "><text>"
					+ rewritten.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</text>"));
		}
		element.appendTail(out);
		// Amounts and component lists come out as text for the lines below to read.
		return out.toString().replace("typeRef=\"number\" />", "typeRef=\"string\" />");
	}

	/** An output entry as text: a name, a list of names, or a rule for the code below. */
	private static String outputText(String feel) {
		if (feel.equals("null") || feel.equals("[]")) {
			return "";
		}
		if (feel.equals("requested")) {
			return "REQUESTED";
		}
		if (feel.equals("requestedAmount")) {
			return "REQUESTED";
		}
		Matcher filter = FILTER.matcher(feel);
		if (feel.startsWith("if count(") && filter.find()) {
			Matcher cap = Pattern.compile("min\\(requestedAmount, (\\d+)\\)").matcher(feel);
			if (!cap.find()) {
				throw new IllegalArgumentException("Cannot rewrite " + feel);
			}
			return "REQUESTED UP TO " + cap.group(1);
		}
		if (filter.reset().matches()) {
			return "REQUESTED AMONG " + names(filter.group(1));
		}
		if (feel.startsWith("[")) {
			return names(feel);
		}
		if (feel.matches("\"\\w+\"") || feel.matches("\\d+")) {
			return feel.replace("\"", "");
		}
		throw new IllegalArgumentException("Cannot rewrite " + feel);
	}

	private static String names(String feel) {
		List<String> names = new ArrayList<>();
		Matcher quoted = QUOTED.matcher(feel);
		while (quoted.find()) {
			names.add(quoted.group(1));
		}
		return String.join(" ", names);
	}

	PlainJavaPolicy.Outcome decide(GafInput in) {
		Map<String, Object> variables = CamundaDmnGaf.variables(in);
		DmnDecisionRuleResult decided = this.engine.evaluateDecisionTable(this.decide, variables).getSingleResult();
		Eligibility decision = Eligibility.valueOf((String) decided.get("decision"));
		ApprovalLevel approval = level(decided.get("approvalLevel"));
		EnumSet<Component> components = components((String) decided.get("components"), in);
		BigDecimal amount = amount((String) decided.get("grantedAmount"), in, components);
		List<String> reasons = new ArrayList<>(List.of((String) decided.get("reason")));
		variables.put("decision", decision.name());
		variables.put("grantedAmount", amount);
		for (DmnDecisionRuleResult added : this.engine.evaluateDecisionTable(this.adjust, variables)) {
			if (added.get("decisionBecomes") != null) {
				decision = Eligibility.valueOf((String) added.get("decisionBecomes"));
			}
			if (added.get("approvalAtLeast") != null) {
				approval = approval.atLeast(level(added.get("approvalAtLeast")));
			}
			if (added.get("approvalBecomes") != null) {
				approval = level(added.get("approvalBecomes"));
			}
			reasons.add((String) added.get("reason"));
		}
		String urgency = (String) this.engine.evaluateDecisionTable(this.priority, variables)
			.getSingleResult()
			.get("priority");
		String route = (String) decided.get("route");
		return new PlainJavaPolicy.Outcome(decision, route == null ? null : Route.valueOf(route), components, amount,
				approval, Priority.valueOf(urgency), reasons, null, null, null);
	}

	/** "A B", "REQUESTED" or "REQUESTED AMONG A B": the services granted. */
	private static EnumSet<Component> components(String text, GafInput in) {
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		if (text == null) {
			return components;
		}
		if (text.startsWith("REQUESTED")) {
			components.addAll(in.requested());
			if (text.startsWith("REQUESTED AMONG ")) {
				components.retainAll(parse(text.substring("REQUESTED AMONG ".length())));
			}
			return components;
		}
		components.addAll(parse(text));
		return components;
	}

	/** "0", "REQUESTED" or "REQUESTED UP TO n" (nothing when no service is granted). */
	private static BigDecimal amount(String text, GafInput in, EnumSet<Component> granted) {
		if (text == null || text.equals("0")) {
			return BigDecimal.ZERO;
		}
		if (text.equals("REQUESTED")) {
			return in.requestedAmount();
		}
		return granted.isEmpty() ? BigDecimal.ZERO
				: in.requestedAmount().min(new BigDecimal(text.substring("REQUESTED UP TO ".length())));
	}

	private static EnumSet<Component> parse(String names) {
		EnumSet<Component> components = EnumSet.noneOf(Component.class);
		for (String name : names.trim().split(" +")) {
			components.add(Component.valueOf(name));
		}
		return components;
	}

	private static ApprovalLevel level(Object name) {
		return name == null ? null : ApprovalLevel.valueOf(name.toString());
	}

	private static DmnDecision find(List<DmnDecision> decisions, String key) {
		return decisions.stream().filter(d -> d.getKey().equals(key)).findFirst().orElseThrow();
	}

}
