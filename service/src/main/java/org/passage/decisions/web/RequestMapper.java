package org.passage.decisions.web;

import org.mapstruct.BeforeMapping;
import org.mapstruct.Mapper;
import org.mapstruct.ReportingPolicy;
import org.mapstruct.TargetType;
import org.passage.rules.facts.Domain;
import org.passage.rules.facts.GafInput;
import org.passage.rules.facts.HasmInput;
import org.passage.rules.facts.InvalidInputException;
import org.passage.rules.facts.ReintegrationInput;

/**
 * From the API's requests to the engine's inputs. Every target field is mapped on purpose
 * ({@code unmappedTargetPolicy = ERROR}): a field added on either side fails the build
 * until someone decides where it goes. {@code caseId} and {@code asOf} are not inputs.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface RequestMapper {

	/**
	 * The input of any request: its programme's mapping.
	 * @throws InvalidInputException naming each field outside its domain
	 */
	default Record toInput(DecisionRequest request) {
		if (request instanceof GafRequest gaf) {
			return toInput(gaf);
		}
		if (request instanceof HasmRequest hasm) {
			return toInput(hasm);
		}
		return toInput((ReintegrationRequest) request);
	}

	GafInput toInput(GafRequest request);

	HasmInput toInput(HasmRequest request);

	ReintegrationInput toInput(ReintegrationRequest request);

	/**
	 * The input's own domain, checked on the request's values before they are mapped: a
	 * missing {@code Boolean} must be reported, not become a primitive {@code false}.
	 */
	@BeforeMapping
	default void checkDomain(DecisionRequest request, @TargetType Class<? extends Record> input) {
		Domain.ofFields(input, (Record) request).orThrow();
	}

}
