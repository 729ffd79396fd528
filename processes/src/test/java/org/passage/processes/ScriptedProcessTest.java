package org.passage.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

/**
 * A process test with the service's delegates scripted by bean name. Each test class
 * registers its own engine extension (coverage is counted per class, per model).
 */
abstract class ScriptedProcessTest {

	ScriptedDelegates delegates;

	@BeforeEach
	void scriptTheDelegates(ProcessEngine processEngine) {
		init(processEngine);
		this.delegates = new ScriptedDelegates();
	}

	@AfterEach
	void forgetMocks() {
		Mocks.reset();
	}

}
