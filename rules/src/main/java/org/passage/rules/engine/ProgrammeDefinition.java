package org.passage.rules.engine;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.passage.rules.decision.Decision;
import org.passage.rules.decision.GafDecision;
import org.passage.rules.decision.HasmDecision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.Reason;
import org.passage.rules.decision.ReintegrationDecision;
import org.passage.rules.decision.RulesetVersion;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.ReintegrationInput;

/**
 * Everything that differs between programmes, in one place: the input a programme
 * decides, the table vocabulary its rows are written in (the draft bound as {@code out}),
 * the folder its shipped tables sit in, and the decision it gives, made from a finished
 * draft. Reach it through {@link Programme#definition()}.
 *
 * @param <I> the input record
 * @param <D> the table vocabulary
 * @param <R> the decision
 */
public final class ProgrammeDefinition<I extends Record, D extends Draft, R extends Decision> {

	/** Turns a finished draft, with its reasons worded, into the programme's decision. */
	@FunctionalInterface
	interface Finisher<D extends Draft, R extends Decision> {

		R decision(D draft, List<Reason> reasons, RulesetVersion version);

	}

	private static final ProgrammeDefinition<GafInput, GafDraft, GafDecision> GAF = new ProgrammeDefinition<>(
			Programme.GAF, GafInput.class, GafDraft.class, GafDraft::new, "gaf-eligibility", GafDecision.class,
			(draft, reasons, version) -> new GafDecision(draft.decision, draft.route, draft.components,
					draft.grantedAmount, draft.approvalLevel, draft.priority, reasons, version));

	private static final ProgrammeDefinition<HasmInput, HasmDraft, HasmDecision> HASM = new ProgrammeDefinition<>(
			Programme.HASM, HasmInput.class, HasmDraft.class, HasmDraft::new, "hasm-eligibility", HasmDecision.class,
			(draft, reasons, version) -> new HasmDecision(draft.decision, draft.route, draft.components,
					draft.grantedAmount, draft.approvalLevel, draft.priority, reasons, version));

	private static final ProgrammeDefinition<ReintegrationInput, ReintegrationDraft, ReintegrationDecision> REINTEGRATION = new ProgrammeDefinition<>(
			Programme.REINTEGRATION, ReintegrationInput.class, ReintegrationDraft.class, ReintegrationDraft::new,
			"reintegration-package", ReintegrationDecision.class, (draft, reasons, version) -> {
				var cash = draft.arrivalCash();
				var inKind = draft.inKindBudget();
				return new ReintegrationDecision(draft.decision, draft.route, draft.components, cash.add(inKind),
						draft.approvalLevel, draft.priority, reasons, version, draft.tier(), cash, inKind,
						draft.delivery(), draft.monitoringMonths());
			});

	private final Programme programme;

	private final Class<I> inputType;

	private final Class<D> draftType;

	private final Function<I, D> drafts;

	private final String tableFolder;

	private final Class<R> decisionType;

	private final Finisher<D, R> finisher;

	private ProgrammeDefinition(Programme programme, Class<I> inputType, Class<D> draftType, Function<I, D> drafts,
			String tableFolder, Class<R> decisionType, Finisher<D, R> finisher) {
		this.programme = programme;
		this.inputType = inputType;
		this.draftType = draftType;
		this.drafts = drafts;
		this.tableFolder = tableFolder;
		this.decisionType = decisionType;
		this.finisher = finisher;
	}

	/** The definition of {@code programme}. */
	public static ProgrammeDefinition<?, ?, ?> of(Programme programme) {
		return switch (programme) {
			case GAF -> GAF;
			case HASM -> HASM;
			case REINTEGRATION -> REINTEGRATION;
		};
	}

	public Programme programme() {
		return this.programme;
	}

	/** The input record the programme decides, e.g. {@code GafInput}. */
	public Class<I> inputType() {
		return this.inputType;
	}

	/** The input's field names, in declaration order: what a caller must send. */
	public List<String> inputNames() {
		return Arrays.stream(this.inputType.getRecordComponents()).map(RecordComponent::getName).toList();
	}

	/**
	 * The table vocabulary: the draft class a rules sheet declares as {@code out}, e.g.
	 * {@code GafDraft}.
	 */
	public Class<D> draftType() {
		return this.draftType;
	}

	/** The folder the programme's shipped tables sit in, e.g. {@code gaf-eligibility}. */
	public String tableFolder() {
		return this.tableFolder;
	}

	/** The decision the programme gives, e.g. {@code GafDecision}. */
	public Class<R> decisionType() {
		return this.decisionType;
	}

	/**
	 * A fresh draft for one evaluation of {@code input}.
	 * @throws IllegalArgumentException if the input is not this programme's
	 */
	public D draft(Record input) {
		if (!this.inputType.isInstance(input)) {
			throw new IllegalArgumentException(this.programme + " decides " + this.inputType.getSimpleName() + ", not "
					+ (input == null ? "null" : input.getClass().getSimpleName()));
		}
		return this.drafts.apply(this.inputType.cast(input));
	}

	/** The decision a finished draft makes, with its reasons worded. */
	public R decision(D draft, List<Reason> reasons, RulesetVersion version) {
		return this.finisher.decision(draft, reasons, version);
	}

	@Override
	public String toString() {
		return this.programme + " (" + this.tableFolder + ")";
	}

}
