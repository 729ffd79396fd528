package org.passage.eligibility.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** After a monitoring visit: one visit fewer to go, and the wait before the next one. */
@Component("nextMonitoringVisitListener")
class NextMonitoringVisitListener implements ExecutionListener {

	private final String month;

	NextMonitoringVisitListener(@Value("${passage.cases.monitoring-month:P1M}") String month) {
		this.month = month;
	}

	@Override
	public void notify(DelegateExecution execution) {
		int months = ((Number) execution.getVariable("monitoringMonths")).intValue();
		int left = ((Number) execution.getVariable("monitoringVisitsLeft")).intValue() - 1;
		execution.setVariable("monitoringVisitsLeft", left);
		if (left > 0) {
			int next = MonitoringSchedule.visitMonths(months).size() - left;
			execution.setVariable("monitoringInterval", MonitoringSchedule.waitBefore(months, next, this.month));
		}
	}

}
