package org.passage.decisions;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.passage.decisions.internal.DecisionViews;
import org.passage.decisions.internal.Decisions;
import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.Rulesets.Versioned;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.security.Allowed;
import org.passage.web.NotFoundException;
import org.passage.web.StoredJson;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides, records and replays decisions, for in-process callers: typed inputs in
 * ({@code GafInput}, {@code HasmInput}, {@code ReintegrationInput}), typed views out. A
 * recorded decision keeps the input it decided, the whole output and the ruleset version
 * that made it, so that it can be replayed exactly. HTTP (reading JSON, idempotency keys,
 * the transaction of a call) is the web adapter's business, in {@code web}.
 */
@Service("passageDecisionService") // Camunda registers its own "decisionService"
public class DecisionService {

	/** The largest page a list may ask for. */
	public static final int MAX_PAGE = 200;

	private final Rulesets rulesets;

	private final DecisionViews views;

	private final Decisions decisions;

	private final StoredJson stored;

	private final MeterRegistry meters;

	private final Map<Programme, Timer> timers = new ConcurrentHashMap<>();

	DecisionService(Rulesets rulesets, DecisionViews views, Decisions decisions, StoredJson stored,
			MeterRegistry meters) {
		this.rulesets = rulesets;
		this.views = views;
		this.decisions = decisions;
		this.stored = stored;
		this.meters = meters;
	}

	/**
	 * Decides {@code input} under the live ruleset of its programme and records it, in
	 * the caller's transaction (a new one if there is none): the decision is stored when
	 * the caller commits, and not at all if it rolls back.
	 * @param input a {@code GafInput}, {@code HasmInput} or {@code ReintegrationInput}
	 * @throws IllegalArgumentException if no programme decides inputs of its type
	 */
	@Transactional(propagation = Propagation.REQUIRED, noRollbackFor = Rulesets.NotLiveException.class)
	public DecisionView record(Record input, DecisionContext context) {
		return record(input, context, null);
	}

	/**
	 * Decides {@code input} under the ruleset that was live at {@code asOf} (the live one
	 * when null) and records it, in the caller's transaction.
	 * @throws Rulesets.NotLiveException if no ruleset of the programme was live then
	 */
	@Transactional(propagation = Propagation.REQUIRED, noRollbackFor = Rulesets.NotLiveException.class)
	@PreAuthorize(Allowed.CALLING_SYSTEMS)
	public DecisionView record(Record input, DecisionContext context, Instant asOf) {
		Pending pending = decideToRecord(input, context, asOf);
		store(List.of(pending));
		return pending.view();
	}

	/**
	 * A decision made to be recorded, not stored yet: what a group commit gathers (see
	 * {@link #store}). Its view already carries the id it will be stored under.
	 */
	public static final class Pending {

		private final DecisionView view;

		private final Decisions.Stored row;

		private final String outcome;

		private Pending(DecisionView view, Decisions.Stored row, String outcome) {
			this.view = view;
			this.row = row;
			this.outcome = outcome;
		}

		/** The answer, as it will be stored. */
		public DecisionView view() {
			return this.view;
		}

		/** Who asked for it. */
		public String caller() {
			return this.row.caller();
		}

	}

	/**
	 * Decides {@code input} as {@link #record(Record, DecisionContext, Instant)} does,
	 * but stores nothing: the caller stores it with {@link #store}, and answers only once
	 * that committed.
	 * @throws Rulesets.NotLiveException if no ruleset of the programme was live at
	 * {@code asOf}
	 */
	@PreAuthorize(Allowed.CALLING_SYSTEMS)
	public Pending decideToRecord(Record input, DecisionContext context, Instant asOf) {
		Programme programme = Programme.of(input);
		Versioned ruleset = rulesetFor(programme, asOf);
		Decision decision = decide(ruleset, input, context.locale(), true);
		DecisionView view = this.views.toView(decision, UUID.randomUUID(), context.caseId(), now());
		return new Pending(view,
				new Decisions.Stored(view.decisionId(), programme, context.caseId(), this.stored.write(input),
						this.stored.write(view), ruleset.id(), context.caller(), view.evaluatedAt()),
				decision.decision().name());
	}

	/**
	 * Stores decisions made by {@link #decideToRecord}, in the caller's transaction (one
	 * statement, however many): they are recorded when it commits. Storing one again is
	 * harmless, so a transaction whose commit failed without saying whether it happened
	 * can be retried.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void store(List<Pending> decisions) {
		this.decisions
			.insertAll(decisions.stream().map(pending -> new Decisions.New(pending.row, pending.outcome)).toList());
	}

	/**
	 * Decides {@code input} under the ruleset version that made decision {@code earlier}
	 * and records it, in the caller's transaction: an open case decided again without a
	 * person asking keeps the version of its decision.
	 * @throws NotFoundException if there is no decision {@code earlier}
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public DecisionView recordUnderVersionOf(Record input, DecisionContext context, UUID earlier) {
		Programme programme = Programme.of(input);
		Decisions.Stored made = find(earlier);
		if (made.programme() != programme) {
			throw new IllegalArgumentException(
					"Decision " + earlier + " is " + made.programme() + ", the input " + programme);
		}
		Versioned ruleset = this.rulesets.version(made.rulesetId());
		Decision decision = decide(ruleset, input, context.locale(), true);
		DecisionView view = this.views.toView(decision, UUID.randomUUID(), context.caseId(), now());
		this.decisions.insert(
				new Decisions.Stored(view.decisionId(), programme, context.caseId(), this.stored.write(input),
						this.stored.write(view), ruleset.id(), context.caller(), view.evaluatedAt()),
				decision.decision().name());
		return view;
	}

	/** Decides without recording: a what-if, under the live ruleset. */
	public DecisionView evaluate(Record input, DecisionContext context) {
		return evaluate(input, context, null);
	}

	/**
	 * Decides without recording, under the ruleset that was live at {@code asOf} (the
	 * live one when null).
	 * @throws Rulesets.NotLiveException if no ruleset of the programme was live then
	 */
	@PreAuthorize(Allowed.CALLING_SYSTEMS)
	public DecisionView evaluate(Record input, DecisionContext context, Instant asOf) {
		Versioned ruleset = rulesetFor(Programme.of(input), asOf);
		return this.views.toView(decide(ruleset, input, context.locale(), false), null, context.caseId(), now());
	}

	/**
	 * A recorded decision.
	 * @throws NotFoundException if there is none with this id
	 */
	public DecisionView get(UUID id) {
		return this.stored.read(find(id).output(), DecisionView.class);
	}

	/**
	 * A decision {@code caller} recorded: a calling system reads its own decisions, never
	 * another's nor those made inside cases.
	 * @throws NotFoundException if there is none with this id that {@code caller}
	 * recorded
	 */
	@PreAuthorize(Allowed.CALLING_SYSTEMS)
	public DecisionView get(UUID id, String caller) {
		return this.stored.read(findRecordedBy(id, caller).output(), DecisionView.class);
	}

	/**
	 * Recorded decisions, newest first, filtered by whatever is given (null: any).
	 */
	public List<DecisionView> list(String caseId, Programme programme, OffsetDateTime from, OffsetDateTime to, int page,
			int size) {
		return list(null, caseId, programme, from, to, page, size);
	}

	/**
	 * The decisions {@code caller} recorded, newest first, filtered by whatever else is
	 * given (null: any).
	 */
	@PreAuthorize(Allowed.CALLING_SYSTEMS)
	public List<DecisionView> list(String caller, String caseId, Programme programme, OffsetDateTime from,
			OffsetDateTime to, int page, int size) {
		return this.decisions.list(caller, caseId, programme, from, to, page, size)
			.stream()
			.map(row -> this.stored.read(row.output(), DecisionView.class))
			.toList();
	}

	/**
	 * A recorded decision with its input as typed: what replays and scenarios start from.
	 *
	 * @param rulesetId the stored version that made it
	 */
	public record Recorded(UUID id, Programme programme, Record input, long rulesetId, DecisionView output) {
	}

	/**
	 * A recorded decision, its input typed.
	 * @throws NotFoundException if there is none with this id
	 */
	public Recorded recorded(UUID id) {
		Decisions.Stored stored = find(id);
		return new Recorded(id, stored.programme(),
				this.stored.read(stored.input(), stored.programme().definition().inputType()), stored.rulesetId(),
				this.stored.read(stored.output(), DecisionView.class));
	}

	/** The outcome of replaying a recorded decision. */
	public record Replay(UUID decisionId, boolean identical, DecisionView.RulesetVersionView replayedUnder,
			DecisionView original, DecisionView replayed, List<String> differences) {
	}

	/**
	 * Decides a recorded input again, under its own ruleset version or under the live
	 * one.
	 * @throws NotFoundException if there is no decision with this id
	 */
	public Replay replay(UUID id, boolean underLiveRuleset, Locale locale) {
		return replay(find(id), underLiveRuleset, locale);
	}

	/**
	 * Decides again a decision {@code caller} recorded.
	 * @throws NotFoundException if there is none with this id that {@code caller}
	 * recorded
	 */
	@PreAuthorize(Allowed.CALLING_SYSTEMS)
	public Replay replay(UUID id, String caller, boolean underLiveRuleset, Locale locale) {
		return replay(findRecordedBy(id, caller), underLiveRuleset, locale);
	}

	private Replay replay(Decisions.Stored stored, boolean underLiveRuleset, Locale locale) {
		UUID id = stored.id();
		// Decisions recorded before the typed entry stored the request, caseId and asOf
		// included: those are not input fields, and are not read.
		Record input = this.stored.read(stored.input(), stored.programme().definition().inputType());
		Versioned ruleset = underLiveRuleset ? this.rulesets.live(stored.programme())
				: this.rulesets.version(stored.rulesetId());
		DecisionView original = this.stored.read(stored.output(), DecisionView.class);
		DecisionView replayed = this.views.toView(decide(ruleset, input, locale, false), id, stored.caseId(), now());
		List<String> differences = differences(original.outcome(), replayed.outcome());
		return new Replay(id, differences.isEmpty(), replayed.rulesetVersion(), original, replayed, differences);
	}

	private Decision decide(Versioned ruleset, Record input, Locale locale, boolean recorded) {
		Timer.Sample timing = Timer.start(this.meters);
		Decision decision = ruleset.ruleset().decide(input, locale);
		timing.stop(this.timers.computeIfAbsent(decision.programme(), this::timer));
		String programme = decision.programme().name().toLowerCase(Locale.ROOT);
		this.meters
			.counter("passage.decisions", "programme", programme, "outcome", decision.decision().name(), "recorded",
					String.valueOf(recorded))
			.increment();
		return decision;
	}

	private Timer timer(Programme programme) {
		return Timer.builder("passage.decision.evaluation")
			.description("Time to decide, explanation included")
			.tag("programme", programme.name().toLowerCase(Locale.ROOT))
			.publishPercentileHistogram()
			.register(this.meters);
	}

	private Versioned rulesetFor(Programme programme, Instant asOf) {
		return asOf == null ? this.rulesets.live(programme) : this.rulesets.liveAt(programme, asOf);
	}

	private Decisions.Stored find(UUID id) {
		return this.decisions.find(id).orElseThrow(() -> new NotFoundException("No decision " + id));
	}

	/** Another's decision is answered as one that does not exist. */
	private Decisions.Stored findRecordedBy(UUID id, String caller) {
		return this.decisions.find(id)
			.filter(decision -> decision.caller().equals(caller))
			.orElseThrow(() -> new NotFoundException("No decision " + id));
	}

	private static List<String> differences(DecisionView original, DecisionView replayed) {
		List<String> fields = new ArrayList<>();
		for (RecordComponent component : DecisionView.class.getRecordComponents()) {
			try {
				Object a = component.getAccessor().invoke(original);
				Object b = component.getAccessor().invoke(replayed);
				if (!Objects.equals(a, b)) {
					fields.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return fields;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
