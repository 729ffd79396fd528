package org.passage.operations;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Down when the engine's job executor is not acquiring jobs: timers (the HASM deadline,
 * monitoring visits) and asynchronous steps would then wait, unseen, on this node.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

	private final ProcessEngineConfigurationImpl engine;

	private final boolean enabled;

	JobExecutorHealth(ProcessEngineConfigurationImpl engine,
			@Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
		this.engine = engine;
		this.enabled = enabled;
	}

	@Override
	public Health health() {
		if (!this.enabled) {
			// A node configured to serve requests only: the other nodes run the jobs.
			return Health.up().withDetail("jobExecutor", "disabled on this node").build();
		}
		JobExecutor executor = this.engine.getJobExecutor();
		if (executor == null || !executor.isActive()) {
			return Health.down().withDetail("jobExecutor", "not acquiring jobs").build();
		}
		return Health.up().withDetail("jobExecutor", executor.getName()).build();
	}

}
