package org.passage.cases.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.passage.cases.internal.Cases;
import org.springframework.stereotype.Component;

/**
 * Every user task of every model completes only through Passage: the engine refuses a
 * completion that Passage did not record first (in the same transaction), so Tasklist,
 * engine REST and the webapps' API cannot complete a step, skip its form check, or
 * approve without an approval record.
 */
@Component
class CompletedThroughPassage extends AbstractProcessEnginePlugin {

	private final TaskListener guard;

	// The case tables, not CaseService: the engine is built with this plugin, and
	// CaseService needs the engine.
	CompletedThroughPassage(Cases cases) {
		this.guard = task -> refuseUnrecorded(cases, task);
	}

	private static void refuseUnrecorded(Cases cases, DelegateTask task) {
		if (cases.completedBy(task.getId()).isEmpty()) {
			throw new UnrecordedCompletion(task.getName() + " is completed through Passage, which records who did it");
		}
	}

	/** The engine was asked to complete a step that Passage did not record. */
	static final class UnrecordedCompletion extends IllegalStateException {

		UnrecordedCompletion(String message) {
			super(message);
		}

	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPreBPMNParseListeners() == null) {
			configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>());
		}
		configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
			@Override
			public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
				((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
					.addTaskListener(TaskListener.EVENTNAME_COMPLETE, CompletedThroughPassage.this.guard);
			}
		});
	}

}
