package org.passage.decisions.internal;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;
import org.passage.decisions.DecisionView;
import org.passage.rules.decision.Decision;
import org.passage.rules.decision.GafDecision;
import org.passage.rules.decision.HasmDecision;
import org.passage.rules.decision.Programme;
import org.passage.rules.decision.ReintegrationDecision;

/**
 * From the engine's decisions to the view the API and the cases show. Every target field
 * is mapped on purpose ({@code unmappedTargetPolicy = ERROR}); only a reintegration
 * decision has the reintegration outputs, which stay null (and out of the JSON) for GAF
 * and HASM.
 */
@Mapper(unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface DecisionViews {

	/** The view of any decision: its programme's mapping. */
	default DecisionView toView(Decision decision, UUID decisionId, String caseId, OffsetDateTime evaluatedAt) {
		if (decision instanceof GafDecision gaf) {
			return toView(gaf, decisionId, caseId, evaluatedAt);
		}
		if (decision instanceof HasmDecision hasm) {
			return toView(hasm, decisionId, caseId, evaluatedAt);
		}
		return toView((ReintegrationDecision) decision, decisionId, caseId, evaluatedAt);
	}

	@EligibilityOnly
	DecisionView toView(GafDecision decision, UUID decisionId, String caseId, OffsetDateTime evaluatedAt);

	@EligibilityOnly
	DecisionView toView(HasmDecision decision, UUID decisionId, String caseId, OffsetDateTime evaluatedAt);

	@Mapping(target = "programme", expression = "java(programmeName(decision.programme()))")
	@Mapping(target = "decision", source = "decision.decision")
	DecisionView toView(ReintegrationDecision decision, UUID decisionId, String caseId, OffsetDateTime evaluatedAt);

	/**
	 * The mapping of a GAF or HASM decision: no package outputs, which only reintegration
	 * has.
	 */
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
	@java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
	@Mapping(target = "programme", expression = "java(programmeName(decision.programme()))")
	@Mapping(target = "decision", source = "decision.decision")
	@Mapping(target = "tier", ignore = true)
	@Mapping(target = "arrivalCash", ignore = true)
	@Mapping(target = "inKindBudget", ignore = true)
	@Mapping(target = "delivery", ignore = true)
	@Mapping(target = "monitoringMonths", ignore = true)
	@interface EligibilityOnly {

	}

	/**
	 * A programme as the API names it: {@code gaf}, {@code hasm}, {@code reintegration}.
	 */
	default String programmeName(Programme programme) {
		return programme.name().toLowerCase(Locale.ROOT);
	}

}
