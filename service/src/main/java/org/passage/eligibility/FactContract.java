package org.passage.eligibility;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.passage.cases.CaseFacts;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.InvalidInputException;
import org.passage.rules.facts.TextInputs;

/**
 * Where each programme's decision gets its inputs, declared once: the facts the case's
 * forms supply (a {@link CaseFacts} record), what Passage knows itself (consent, a fund's
 * balance, earlier cases), and the forms whose completion leads straight to the decision.
 * {@code FactContractTest} checks every form against it; completing one of those forms
 * builds the whole input, so a missing or out-of-domain fact is refused at that step,
 * naming the field, not found three retries later.
 */
public enum FactContract {

	GAF(Programme.GAF, CaseFacts.Gaf.class, Set.of("consent", "fundBalance", "priorGafCases"),
			Set.of("screening", "risk-assessment", "assistance-plan", "missing-information"),
			Set.of("assistance-plan", "missing-information")),

	HASM(Programme.HASM, CaseFacts.Hasm.class, Set.of("fundBalance"),
			Set.of("return-needs", "missing-information-hasm"), Set.of("return-needs", "missing-information-hasm")),

	REINTEGRATION(Programme.REINTEGRATION, CaseFacts.Reintegration.class, Set.of(),
			Set.of("reintegration-plan", "missing-information-reintegration"),
			Set.of("reintegration-plan", "missing-information-reintegration"));

	private final Programme programme;

	private final Class<? extends Record> inputType;

	private final Class<? extends Record> factsType;

	private final Set<String> known;

	private final Set<String> feedingForms;

	private final Set<String> decidingForms;

	FactContract(Programme programme, Class<? extends Record> factsType, Set<String> known, Set<String> feedingForms,
			Set<String> decidingForms) {
		this.programme = programme;
		this.inputType = programme.definition().inputType();
		this.factsType = factsType;
		this.known = known;
		this.feedingForms = feedingForms;
		this.decidingForms = decidingForms;
	}

	public Programme programme() {
		return this.programme;
	}

	public Class<? extends Record> inputType() {
		return this.inputType;
	}

	/** The record of the facts the forms supply. */
	public Class<? extends Record> factsType() {
		return this.factsType;
	}

	/** The inputs Passage knows itself. */
	public Set<String> known() {
		return this.known;
	}

	/** The forms that record facts for this decision. */
	public Set<String> feedingForms() {
		return this.feedingForms;
	}

	/**
	 * The forms whose completion leads to the decision: all facts must be there and in
	 * domain.
	 */
	public Set<String> decidingForms() {
		return this.decidingForms;
	}

	/** The inputs the forms supply, by name. */
	public Set<String> formFacts() {
		return Arrays.stream(this.factsType.getRecordComponents())
			.map(RecordComponent::getName)
			.collect(Collectors.toUnmodifiableSet());
	}

	public static FactContract of(Programme programme) {
		return Arrays.stream(values()).filter(c -> c.programme == programme).findFirst().orElseThrow();
	}

	/** The decision a completed form leads to, if it leads to one. */
	public static Optional<FactContract> decidedAfter(String form) {
		return Arrays.stream(values()).filter(c -> c.decidingForms.contains(form)).findFirst();
	}

	/** Every input of any decision that a form may supply. */
	public static Set<String> allFormFacts() {
		return Arrays.stream(values()).flatMap(c -> c.formFacts().stream()).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The decision's input from the case's facts and what Passage knows, validated by the
	 * input's own domain (the one validation there is).
	 * @throws InvalidInputException naming every field missing or outside its domain
	 */
	public Record input(CaseFacts facts, Map<String, ?> knownValues) {
		Map<String, String> text = new HashMap<>();
		for (String name : formFacts()) {
			put(text, name, facts.values().get(name));
		}
		knownValues.forEach((name, value) -> put(text, name, value));
		return TextInputs.read(this.inputType, text);
	}

	private static void put(Map<String, String> text, String name, Object value) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> items) {
			text.put(name, items.stream().map(String::valueOf).collect(Collectors.joining(" ")));
		}
		else if (value instanceof BigDecimal amount) {
			text.put(name, amount.toPlainString());
		}
		else if (value instanceof Enum<?> named) {
			text.put(name, named.name());
		}
		else {
			text.put(name, String.valueOf(value));
		}
	}

	/** The names of the inputs, in the input record's order. */
	public List<String> inputNames() {
		return this.programme.definition().inputNames();
	}

}
