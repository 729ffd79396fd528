package org.passage.cases.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.passage.cases.Case;
import org.passage.cases.CaseService;

/**
 * A process step about one case: the case whose process tree it runs in (never a
 * variable's say).
 */
abstract class CaseStep implements JavaDelegate {

	final CaseService cases;

	CaseStep(CaseService cases) {
		this.cases = cases;
	}

	@Override
	public final void execute(DelegateExecution execution) {
		run(execution, this.cases.ofProcess(org.passage.cases.ProcessTree.rootOf(execution)));
	}

	abstract void run(DelegateExecution execution, Case file);

}
