package org.passage.cases;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Signs of trafficking in a stranded migrant's case: opens a linked VoT case for the same
 * person in the same office and starts its process. Once per job, so a retried job opens
 * no second case.
 */
@Component("openVotCaseDelegate")
class OpenVotCaseDelegate extends CaseStep {

	private final CaseService service;

	private final ProcessEffects effects;

	private final ObjectMapper json;

	OpenVotCaseDelegate(Cases cases, @Lazy CaseService service, ProcessEffects effects, ObjectMapper json) {
		super(cases);
		this.service = service;
		this.effects = effects;
		this.json = json;
	}

	@Override
	void run(DelegateExecution execution, CaseFile file) {
		ObjectNode opened = this.effects.once(execution, file.reference(), () -> {
			CaseFile vot = this.service.openLinked(file, CaseType.VOT, "process");
			return this.json.createObjectNode().put("votCase", vot.reference());
		});
		String vot = opened.get("votCase").asText();
		this.cases.close(file, "REFERRED", "REFERRED_VOT_CASE", execution.getCurrentActivityId(), "REFERRED",
				Map.of("to", "VOT_CASE", "case", vot));
	}

}
