package org.passage.decisions.web;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.passage.decisions.CaseLinks;
import org.passage.decisions.CaseConsents;
import org.passage.decisions.DecisionContext;
import org.passage.decisions.DecisionService;
import org.passage.decisions.DecisionView;
import org.passage.decisiontables.Rulesets;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.FieldError;
import org.passage.web.InvalidRequestException;
import org.passage.web.NotFoundException;
import org.passage.web.Problems;
import org.passage.web.StoredJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision API for other systems: the HTTP adapter of {@link DecisionService}. It
 * reads requests strictly ({@link RequestReader}), owns the transaction of each call, and
 * makes recording calls idempotent: the same {@code Idempotency-Key} and body answer with
 * the first response again, another body is a 422, a retry while the first call runs a
 * 409.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Decisions", description = "GAF, HASM and reintegration decisions, recorded and explained")
class DecisionController {

	/** The largest batch one call may send. */
	static final int MAX_BATCH = 1000;

	private final DecisionService decisions;

	private final RequestReader reader;

	private final IdempotencyKeys keys;

	private final ObjectMapper json;

	private final StoredJson stored;

	private final TransactionTemplate transactions;

	private final CaseLinks links;

	private final ObjectProvider<CaseConsents> consents;

	private final DecisionCommits commits;

	DecisionController(DecisionService decisions, RequestReader reader, IdempotencyKeys keys, ObjectMapper json,
			StoredJson stored, TransactionTemplate transactions, CaseLinks links, ObjectProvider<CaseConsents> consents,
			DecisionCommits commits) {
		this.consents = consents;
		this.commits = commits;
		this.decisions = decisions;
		this.reader = reader;
		this.keys = keys;
		this.json = json;
		this.stored = stored;
		this.transactions = transactions;
		this.links = links;
	}

	@Operation(summary = "Decide and record",
			description = "The body is the programme's input (GafRequest, "
					+ "HasmRequest or ReintegrationRequest). Answers 201 with the decision and its reasons.")
	@ApiResponse(responseCode = "201", description = "Recorded",
			content = @Content(schema = @Schema(implementation = DecisionView.class)))
	@ApiResponse(responseCode = "400", description = "Invalid input: the problem names each field",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is in flight",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "This Idempotency-Key was used with another body",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping("/programmes/{programme}/decisions")
	ResponseEntity<DecisionView> record(@Parameter(
			schema = @Schema(allowableValues = { "gaf", "hasm", "reintegration" })) @PathVariable String programme,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(oneOf = {
					GafRequest.class, HasmRequest.class, ReintegrationRequest.class }))) @RequestBody JsonNode body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, Authentication caller,
			Locale locale) {
		Programme decided = programme(programme);
		if (this.commits.enabled()) {
			return recordInGroup(decided, body, key, caller.getName(), locale);
		}
		return idempotently(caller.getName(), key, body, DecisionView.class, () -> {
			DecisionView view = record(decided, body, caller.getName(), locale);
			return new Answer<>(HttpStatus.CREATED, view, "/api/v1/decisions/" + view.decisionId());
		});
	}

	@Operation(summary = "Decide without recording", description = "A what-if: the same evaluation, not stored.")
	@PostMapping("/programmes/{programme}/decisions:evaluate")
	DecisionView evaluate(@Parameter(
			schema = @Schema(allowableValues = { "gaf", "hasm", "reintegration" })) @PathVariable String programme,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(oneOf = {
					GafRequest.class, HasmRequest.class, ReintegrationRequest.class }))) @RequestBody JsonNode body,
			Authentication caller, Locale locale) {
		RequestReader.Read read = this.reader.read(programme(programme), body);
		// A what-if stores nothing in the case; it honours the case's consent only for a
		// caller granted its office, and tells no one else anything about it.
		if (read.caseId() != null && this.links.mayLink(caller.getName(), read.caseId())) {
			refuseWithdrawnConsent(read.caseId());
		}
		try {
			return this.decisions.evaluate(read.input(), new DecisionContext(read.caseId(), null, locale), read.asOf());
		}
		catch (Rulesets.NotLiveException ex) {
			throw notLive(ex);
		}
	}

	/** A batch, for the API document: the items are the programme's inputs. */
	record BatchRequest(@ArraySchema(maxItems = MAX_BATCH, schema = @Schema(oneOf = {
			GafRequest.class, HasmRequest.class, ReintegrationRequest.class })) List<Object> items){
	}

	/** One item of a batch: its decision, or its own problem. */
	record BatchItem(int index, int status, DecisionView decision, BatchProblem problem) {
	}

	/** Why a batch item was not decided. */
	record BatchProblem(String title, String detail, List<FieldError> errors) {
	}

	/** The batch's answer: one entry per item, in order. */
	record BatchAnswer(List<BatchItem> items) {
	}

	@Operation(summary = "Decide and record up to 1,000 inputs", description = "Body: {\"items\": [...]}. "
			+ "Each item is decided and recorded on its own; a bad item gets its own problem and writes nothing.")
	@ApiResponse(responseCode = "200", description = "One answer per item",
			content = @Content(schema = @Schema(implementation = BatchAnswer.class)))
	@PostMapping("/programmes/{programme}/decisions:batch")
	ResponseEntity<BatchAnswer> batch(@Parameter(
			schema = @Schema(allowableValues = { "gaf", "hasm", "reintegration" })) @PathVariable String programme,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					description = "{\"items\": [ inputs of the programme ]}",
					content = @Content(
							schema = @Schema(implementation = BatchRequest.class))) @RequestBody JsonNode body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, Authentication caller,
			Locale locale) {
		Programme decided = programme(programme);
		return idempotently(caller.getName(), key, body, BatchAnswer.class, () -> new Answer<>(HttpStatus.OK,
				new BatchAnswer(batch(decided, body.get("items"), caller.getName(), locale)), null));
	}

	@Operation(summary = "A decision this account recorded")
	@GetMapping("/decisions/{id}")
	DecisionView get(@PathVariable UUID id, Authentication caller) {
		return this.decisions.get(id, caller.getName());
	}

	@Operation(summary = "Decisions this account recorded, newest first",
			description = "Filters are optional; " + "page size at most " + DecisionService.MAX_PAGE + ".")
	@GetMapping("/decisions")
	List<DecisionView> list(@RequestParam(required = false) @Pattern(regexp = CaseIds.PATTERN) String caseId,
			@Parameter(schema = @Schema(allowableValues = { "gaf", "hasm", "reintegration" })) @RequestParam(
					required = false) String programme,
			@RequestParam(required = false) OffsetDateTime from, @RequestParam(required = false) OffsetDateTime to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(DecisionService.MAX_PAGE) int size, Authentication caller) {
		return this.decisions.list(caller.getName(), caseId, programme == null ? null : programme(programme), from, to,
				page, size);
	}

	@Operation(summary = "Replay a recorded decision", description = "Decides the stored input again under the "
			+ "decision's own ruleset version (against=recorded, the default), which must give the identical outcome, "
			+ "or under the live ruleset (against=live), showing what a policy change would do to it.")
	@PostMapping("/decisions/{id}:replay")
	DecisionService.Replay replay(@PathVariable UUID id,
			@Parameter(schema = @Schema(allowableValues = { "recorded", "live" })) @RequestParam(
					defaultValue = "recorded") String against,
			Authentication caller, Locale locale) {
		if (!against.equals("recorded") && !against.equals("live")) {
			throw Problems.invalidParameter("against", against, List.of("recorded", "live"));
		}
		return this.decisions.replay(id, caller.getName(), against.equals("live"), locale);
	}

	// The addresses before issue 12, kept working for callers written against them, and
	// out of the API document: /decisions/{programme} and /decisions/{id} were one path
	// with two meanings for any router or generated client.

	@Operation(hidden = true)
	@PostMapping("/decisions/{programme}")
	ResponseEntity<DecisionView> recordAtFormerAddress(@PathVariable String programme, @RequestBody JsonNode body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, Authentication caller,
			Locale locale) {
		return record(programme, body, key, caller, locale);
	}

	@Operation(hidden = true)
	@PostMapping("/decisions/{programme}:evaluate")
	DecisionView evaluateAtFormerAddress(@PathVariable String programme, @RequestBody JsonNode body,
			Authentication caller, Locale locale) {
		return evaluate(programme, body, caller, locale);
	}

	@Operation(hidden = true)
	@PostMapping("/decisions/{programme}:batch")
	ResponseEntity<BatchAnswer> batchAtFormerAddress(@PathVariable String programme, @RequestBody JsonNode body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, Authentication caller,
			Locale locale) {
		return batch(programme, body, key, caller, locale);
	}

	/** Reads and records one input, in the call's transaction. */
	private DecisionView record(Programme programme, JsonNode body, String caller, Locale locale) {
		RequestReader.Read read = readToRecord(programme, body, caller);
		try {
			return this.decisions.record(read.input(), new DecisionContext(read.caseId(), caller, locale), read.asOf());
		}
		catch (Rulesets.NotLiveException ex) {
			throw notLive(ex);
		}
	}

	/**
	 * Records one input in a transaction shared with concurrent calls, and answers once
	 * it committed. A key's retry is answered from the stored key when it can be, as
	 * {@link #idempotently} does; otherwise the key is claimed, and completed, in the
	 * shared transaction. Bad input is refused here, before anything is queued.
	 */
	private ResponseEntity<DecisionView> recordInGroup(Programme programme, JsonNode body, String key, String caller,
			Locale locale) {
		IdempotencyKeys.Key claimed = null;
		if (key != null) {
			if (key.isBlank() || key.length() > 255) {
				throw Problems.invalidParameter("Idempotency-Key", key, List.of("1 to 255 characters"));
			}
			claimed = new IdempotencyKeys.Key(caller, key, hash(body));
			Optional<IdempotencyKeys.Claim> known = this.keys.peek(claimed);
			if (known.isPresent()) {
				return answerFromKey(known.get());
			}
		}
		RequestReader.Read read = readToRecord(programme, body, caller);
		DecisionService.Pending pending;
		try {
			pending = this.decisions.decideToRecord(read.input(), new DecisionContext(read.caseId(), caller, locale),
					read.asOf());
		}
		catch (Rulesets.NotLiveException ex) {
			throw notLive(ex);
		}
		Answer<DecisionView> answer = new Answer<>(HttpStatus.CREATED, pending.view(),
				"/api/v1/decisions/" + pending.view().decisionId());
		IdempotencyKeys.Completed completed = claimed == null ? null : new IdempotencyKeys.Completed(claimed,
				answer.status().value(), this.stored.write(answer.body()), answer.location());
		DecisionCommits.Result result = this.commits.record(new DecisionCommits.Write(pending, completed));
		if (result instanceof DecisionCommits.Refused refused) {
			return answerFromKey(refused.claim());
		}
		return respond(answer);
	}

	/** The answer a key gives instead of recording again. */
	private ResponseEntity<DecisionView> answerFromKey(IdempotencyKeys.Claim claim) {
		if (claim instanceof IdempotencyKeys.Done done) {
			return respond(new Answer<>(HttpStatus.valueOf(done.status()),
					this.stored.read(done.response(), DecisionView.class), done.location()));
		}
		if (claim instanceof IdempotencyKeys.Mismatch) {
			throw Problems.unprocessable("idempotency-key-reused",
					"This Idempotency-Key was used with a different request body.");
		}
		throw Problems.conflict("idempotency-key-in-flight",
				"A request with this Idempotency-Key is still being processed; retry later.");
	}

	/**
	 * Reads one input to record, and checks that the caller may decide for its case and
	 * that the case's person has not withdrawn consent.
	 */
	private RequestReader.Read readToRecord(Programme programme, JsonNode body, String caller) {
		RequestReader.Read read = this.reader.read(programme, body);
		if (read.caseId() != null && !this.links.mayLink(caller, read.caseId())) {
			// Answered as a case that does not exist, as for staff of another office.
			throw new NotFoundException("No case " + read.caseId() + " in the offices this account is granted.", List
				.of(new FieldError("caseId", "names a case of an office this account is not granted", List.of())));
		}
		refuseWithdrawnConsent(read.caseId());
		return read;
	}

	/**
	 * Decides and records each item on its own: a bad item is reported and writes
	 * nothing.
	 */
	private List<BatchItem> batch(Programme programme, JsonNode items, String caller, Locale locale) {
		if (items == null || !items.isArray()) {
			throw new InvalidRequestException("The body must be {\"items\": [ ... ]}.",
					List.of(new FieldError("items", "must be an array", List.of())));
		}
		if (items.isEmpty() || items.size() > MAX_BATCH) {
			throw new InvalidRequestException("A batch holds 1 to " + MAX_BATCH + " items.",
					List.of(new FieldError("items", "has " + items.size() + " items", List.of("1.." + MAX_BATCH))));
		}
		List<BatchItem> results = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			try {
				// In the call's transaction: a bad item fails before it writes, and marks
				// nothing for rollback.
				results.add(new BatchItem(i, 201, record(programme, items.get(i), caller, locale), null));
			}
			catch (InvalidRequestException ex) {
				results.add(
						new BatchItem(i, 400, null, new BatchProblem("Invalid request", ex.getMessage(), ex.errors())));
			}
			catch (NotFoundException ex) {
				results.add(new BatchItem(i, 404, null, new BatchProblem("Not found", ex.getMessage(), ex.errors())));
			}
			catch (ConsentWithdrawn ex) {
				results.add(new BatchItem(i, 409, null,
						new BatchProblem("Consent withdrawn", ex.getBody().getDetail(), List.of())));
			}
		}
		return results;
	}

	/**
	 * A person who withdrew consent is not processed further: no decision, recorded or
	 * not, names their case (checked before anything is written).
	 */
	private void refuseWithdrawnConsent(String caseId) {
		CaseConsents cases = this.consents.getIfAvailable();
		if (caseId != null && cases != null && cases.withdrawn(caseId)) {
			throw new ConsentWithdrawn(caseId);
		}
	}

	/** The 409 of a decision asked for a case whose person withdrew consent. */
	static final class ConsentWithdrawn extends org.springframework.web.ErrorResponseException {

		ConsentWithdrawn(String caseId) {
			super(HttpStatus.CONFLICT,
					Problems
						.conflict("consent-withdrawn",
								"The person of case " + caseId
										+ " withdrew their consent: Passage decides nothing more for this case.")
						.getBody(),
					null);
		}

	}

	private static InvalidRequestException notLive(Rulesets.NotLiveException ex) {
		return new InvalidRequestException(ex.getMessage(),
				List.of(new FieldError("asOf", "no ruleset was live then", List.of())));
	}

	/** An answer to a recording call: what a replay of its key answers again. */
	private record Answer<T>(HttpStatus status, T body, String location) {
	}

	/**
	 * Runs {@code work} once per caller and key. The key's stored response is the body
	 * serialised by the same ObjectMapper that writes HTTP answers; a replay reads it
	 * back as {@code type} and is written again, byte for byte the first answer.
	 */
	private <T> ResponseEntity<T> idempotently(String caller, String key, JsonNode body, Class<T> type,
			Supplier<Answer<T>> work) {
		if (key == null) {
			return respond(this.transactions.execute(status -> work.get()));
		}
		if (key.isBlank() || key.length() > 255) {
			throw Problems.invalidParameter("Idempotency-Key", key, List.of("1 to 255 characters"));
		}
		String requestHash = hash(body);
		// Claim, work and the key's response commit together, or none does: a claim
		// never outlives the work it guards.
		return respond(this.transactions.execute(status -> {
			IdempotencyKeys.Claim claim = this.keys.claim(caller, key, requestHash);
			if (claim instanceof IdempotencyKeys.InFlight) {
				throw Problems.conflict("idempotency-key-in-flight",
						"A request with this Idempotency-Key is still being processed; retry later.");
			}
			if (claim instanceof IdempotencyKeys.Mismatch) {
				throw Problems.unprocessable("idempotency-key-reused",
						"This Idempotency-Key was used with a different request body.");
			}
			if (claim instanceof IdempotencyKeys.Done done) {
				return new Answer<>(HttpStatus.valueOf(done.status()), this.stored.read(done.response(), type),
						done.location());
			}
			Answer<T> done = work.get();
			this.keys.complete(caller, key, (IdempotencyKeys.Claimed) claim, done.status().value(),
					this.stored.write(done.body()), done.location());
			return done;
		}));
	}

	private static <T> ResponseEntity<T> respond(Answer<T> answer) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (answer.location() != null) {
			response.location(URI.create(answer.location()));
		}
		return response.body(answer.body());
	}

	private static Programme programme(String name) {
		for (Programme programme : Programme.values()) {
			if (programme.name().equalsIgnoreCase(name)) {
				return programme;
			}
		}
		throw new NotFoundException("No programme '" + name + "': use gaf, hasm or reintegration.");
	}

	/**
	 * SHA-256 of the body's canonical JSON: the same content hashes alike whatever its
	 * spacing.
	 */
	private String hash(JsonNode body) {
		try {
			// Numbers as Java writes them (1E+10000), not in full: the body is not
			// checked yet.
			byte[] canonical = this.json.writer()
				.with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
				.without(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
				.writeValueAsBytes(this.json.convertValue(body, Object.class));
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (JsonProcessingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
