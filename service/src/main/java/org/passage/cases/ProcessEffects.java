package org.passage.cases;

import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes a process step's effect happen once. Camunda runs a job at least once (after a
 * crash, or when its lock expires while it still runs), so each effect is stored under
 * the id of the job that made it, in the job's own transaction: the job's second run
 * finds the stored result and uses it instead of deciding, reserving or referring again.
 */
@Component
public class ProcessEffects {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ProcessEffects(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The key of the step now running: its job's id (every effectful step is
	 * asyncBefore).
	 */
	public String keyOf(DelegateExecution execution) {
		Job job = execution.getProcessEngineServices()
			.getManagementService()
			.createJobQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.activityId(execution.getCurrentActivityId())
			.singleResult();
		if (job == null) {
			throw new IllegalStateException(execution.getCurrentActivityId() + " must be asyncBefore to run once");
		}
		return job.getId();
	}

	/**
	 * The stored result of this step, or the result of running it now (stored with the
	 * effect).
	 */
	public ObjectNode once(DelegateExecution execution, String caseReference, Supplier<ObjectNode> effect) {
		String key = keyOf(execution);
		Optional<String> done = this.jdbc.sql("select result::text from app.process_effect where effect_key = ?")
			.param(key)
			.query(String.class)
			.optional();
		if (done.isPresent()) {
			return read(done.get());
		}
		ObjectNode result = effect.get();
		this.jdbc
			.sql("insert into app.process_effect (effect_key, case_reference, step, result) values (?, ?, ?, ?::jsonb)")
			.params(key, caseReference, execution.getCurrentActivityId(), result.toString())
			.update();
		return result;
	}

	private ObjectNode read(String text) {
		try {
			return (ObjectNode) this.json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
