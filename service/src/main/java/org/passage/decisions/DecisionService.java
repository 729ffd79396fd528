package org.passage.decisions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.passage.decisiontables.Rulesets;
import org.passage.decisiontables.Rulesets.Versioned;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.InvalidInputException;
import org.passage.web.InvalidRequestException;
import org.passage.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides, records and replays decisions. A recorded decision keeps the input as
 * received, the whole output and the ruleset version that made it, so that it can be
 * replayed exactly.
 */
@Service("passageDecisionService") // Camunda registers its own "decisionService"
public class DecisionService {

	/** The largest batch one call may send. */
	public static final int MAX_BATCH = 1000;

	/** The largest page a list may ask for. */
	public static final int MAX_PAGE = 200;

	private final Rulesets rulesets;

	private final RequestReader reader;

	private final DecisionMapper mapper;

	private final Decisions decisions;

	private final ObjectMapper json;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Map<Programme, Timer> timers = new ConcurrentHashMap<>();

	DecisionService(Rulesets rulesets, RequestReader reader, DecisionMapper mapper, Decisions decisions,
			ObjectMapper json, TransactionTemplate transactions, MeterRegistry meters) {
		this.rulesets = rulesets;
		this.reader = reader;
		this.mapper = mapper;
		this.decisions = decisions;
		this.json = json;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * The input fields of a programme's decision, as the API names them (domain.md
	 * section 2).
	 */
	public static List<String> inputNames(Programme programme) {
		return java.util.Arrays.stream(RequestReader.typeOf(programme).getRecordComponents())
			.map(java.lang.reflect.RecordComponent::getName)
			.filter(name -> !name.equals("caseId") && !name.equals("asOf"))
			.toList();
	}

	/**
	 * Decides and records a typed input (GafInput, HasmInput, ReintegrationInput) in the
	 * caller's transaction.
	 */
	public DecisionView record(Record input, DecisionContext context) {
		Programme programme = input instanceof org.passage.rules.facts.GafInput ? Programme.GAF
				: input instanceof org.passage.rules.facts.HasmInput ? Programme.HASM : Programme.REINTEGRATION;
		com.fasterxml.jackson.databind.node.ObjectNode body = this.json.valueToTree(input);
		body.put("caseId", context.caseId());
		return record(programme, body, context.caller(), context.locale());
	}

	/** Decides without recording: a what-if. */
	public DecisionView evaluate(Programme programme, JsonNode body, Locale locale) {
		DecisionRequest request = this.reader.read(programme, body);
		Versioned ruleset = rulesetFor(programme, request);
		return this.mapper.toView(decide(ruleset, request, locale, false), null, request.caseId(), now());
	}

	/** Decides and records, in one transaction. */
	public DecisionView record(Programme programme, JsonNode body, String caller, Locale locale) {
		DecisionRequest request = this.reader.read(programme, body);
		Versioned ruleset = rulesetFor(programme, request);
		Decision decision = decide(ruleset, request, locale, true);
		DecisionView view = this.mapper.toView(decision, UUID.randomUUID(), request.caseId(), now());
		this.transactions
			.executeWithoutResult(
					status -> this.decisions.insert(
							new Decisions.Stored(view.decisionId(), programme, request.caseId(), write(request),
									write(view), ruleset.id(), caller, view.evaluatedAt()),
							decision.decision().name()));
		return view;
	}

	/** One item of a batch: its decision, or its own problem. */
	public record BatchItem(int index, int status, DecisionView decision, BatchProblem problem) {
	}

	/** Why a batch item was not decided. */
	public record BatchProblem(String title, String detail, List<org.passage.rules.facts.FieldError> errors) {
	}

	/**
	 * Decides and records each item on its own: a bad item is reported and writes
	 * nothing.
	 */
	public List<BatchItem> batch(Programme programme, JsonNode items, String caller, Locale locale) {
		if (items == null || !items.isArray()) {
			throw new InvalidRequestException("The body must be {\"items\": [ ... ]}.",
					List.of(new org.passage.rules.facts.FieldError("items", "must be an array", List.of())));
		}
		if (items.isEmpty() || items.size() > MAX_BATCH) {
			throw new InvalidRequestException("A batch holds 1 to " + MAX_BATCH + " items.",
					List.of(new org.passage.rules.facts.FieldError("items", "has " + items.size() + " items",
							List.of("1.." + MAX_BATCH))));
		}
		List<BatchItem> results = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			try {
				results.add(new BatchItem(i, 201, record(programme, items.get(i), caller, locale), null));
			}
			catch (InvalidRequestException ex) {
				results.add(
						new BatchItem(i, 400, null, new BatchProblem("Invalid request", ex.getMessage(), ex.errors())));
			}
		}
		return results;
	}

	public DecisionView get(UUID id) {
		return read(find(id).output(), DecisionView.class);
	}

	public List<DecisionView> list(String caseId, Programme programme, OffsetDateTime from, OffsetDateTime to, int page,
			int size) {
		return this.decisions.list(caseId, programme, from, to, page, size)
			.stream()
			.map(stored -> read(stored.output(), DecisionView.class))
			.toList();
	}

	/** The outcome of replaying a recorded decision. */
	public record Replay(UUID decisionId, boolean identical, DecisionView.RulesetVersionView replayedUnder,
			DecisionView original, DecisionView replayed, List<String> differences) {
	}

	/**
	 * Decides a recorded input again, under its own ruleset version or under the live
	 * one.
	 */
	public Replay replay(UUID id, boolean underLiveRuleset, Locale locale) {
		Decisions.Stored stored = find(id);
		DecisionRequest request = this.reader.read(stored.programme(), read(stored.input(), JsonNode.class));
		Versioned ruleset = underLiveRuleset ? this.rulesets.live(stored.programme())
				: this.rulesets.version(stored.rulesetId());
		DecisionView original = read(stored.output(), DecisionView.class);
		DecisionView replayed = this.mapper.toView(decide(ruleset, request, locale, false), id, stored.caseId(), now());
		List<String> differences = differences(original.outcome(), replayed.outcome());
		return new Replay(id, differences.isEmpty(), replayed.rulesetVersion(), original, replayed, differences);
	}

	private Decision decide(Versioned ruleset, DecisionRequest request, Locale locale, boolean recorded) {
		Record facts;
		try {
			if (request instanceof GafRequest gaf) {
				facts = this.mapper.toFacts(gaf);
			}
			else if (request instanceof HasmRequest hasm) {
				facts = this.mapper.toFacts(hasm);
			}
			else {
				facts = this.mapper.toFacts((ReintegrationRequest) request);
			}
		}
		catch (InvalidInputException ex) {
			throw new InvalidRequestException("Some values are outside their domain.", ex.errors());
		}
		Timer.Sample timing = Timer.start(this.meters);
		Decision decision = ruleset.ruleset().decide(facts, locale);
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

	private Versioned rulesetFor(Programme programme, DecisionRequest request) {
		if (request.asOf() == null) {
			return this.rulesets.live(programme);
		}
		try {
			return this.rulesets.liveAt(programme, request.asOf().toInstant());
		}
		catch (Rulesets.NotLiveException ex) {
			throw new InvalidRequestException(ex.getMessage(),
					List.of(new org.passage.rules.facts.FieldError("asOf", "no ruleset was live then", List.of())));
		}
	}

	private Decisions.Stored find(UUID id) {
		return this.decisions.find(id).orElseThrow(() -> new NotFoundException("No decision " + id));
	}

	private static List<String> differences(DecisionView original, DecisionView replayed) {
		List<String> fields = new ArrayList<>();
		for (var component : DecisionView.class.getRecordComponents()) {
			try {
				Object a = component.getAccessor().invoke(original);
				Object b = component.getAccessor().invoke(replayed);
				if (!java.util.Objects.equals(a, b)) {
					fields.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return fields;
	}

	private String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private <T> T read(String text, Class<T> type) {
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored JSON no longer reads as " + type.getSimpleName(), ex);
		}
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
