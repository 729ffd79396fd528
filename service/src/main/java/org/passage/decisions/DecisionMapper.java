package org.passage.decisions;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.Programme;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.ReintegrationInput;

/**
 * Between the API's types and the engine's. Every target field is mapped on purpose
 * ({@code unmappedTargetPolicy = ERROR}): a field added on either side fails the build
 * until someone decides where it goes.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface DecisionMapper {

	GafInput toFacts(GafRequest request);

	HasmInput toFacts(HasmRequest request);

	ReintegrationInput toFacts(ReintegrationRequest request);

	@Mapping(target = "programme", source = "decision.programme")
	@Mapping(target = "decision", source = "decision.decision")
	DecisionView toView(Decision decision, UUID decisionId, String caseId, OffsetDateTime evaluatedAt);

	default String programmeName(Programme programme) {
		return programme.name().toLowerCase(Locale.ROOT);
	}

}
