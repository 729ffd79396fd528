package org.passage.security.internal;

import java.util.AbstractMap;
import java.util.Set;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine carries no authority (ADR 0006), so it grants none:
 * <ul>
 * <li>no task authorizations for candidate groups, assignees or owners (Camunda's default
 * provider would give every candidate group read and update on its tasks, in every
 * office); staff work through Passage, which scopes by office and records every
 * step;</li>
 * <li>expressions in process models see only Passage's process steps (delegates and
 * listeners), not every Spring bean: a model that reached a {@code JdbcTemplate} could
 * read personal data.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EngineLockdown extends AbstractProcessEnginePlugin {

	private final ApplicationContext context;

	EngineLockdown(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setResourceAuthorizationProvider(new NoTaskAuthorizations());
		configuration.setExpressionManager(new SpringExpressionManager(this.context, new ProcessSteps(this.context)));
	}

	/** Camunda's default authorizations, less every authorization on tasks. */
	static final class NoTaskAuthorizations extends DefaultAuthorizationProvider {

		private static final AuthorizationEntity[] NONE = {};

		@Override
		public AuthorizationEntity[] newTask(Task task) {
			return NONE;
		}

		@Override
		public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
			return NONE;
		}

		@Override
		public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
			return NONE;
		}

		@Override
		public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
			return NONE;
		}

		@Override
		public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
			return NONE;
		}

	}

	/**
	 * The beans an expression may name: those that are delegates or listeners. Looked up
	 * by name when an expression asks, so the engine can start before the delegates
	 * exist.
	 */
	static final class ProcessSteps extends AbstractMap<Object, Object> {

		private static final Set<Class<?>> STEP_TYPES = Set.of(JavaDelegate.class, TaskListener.class,
				ExecutionListener.class);

		private final ApplicationContext context;

		ProcessSteps(ApplicationContext context) {
			this.context = context;
		}

		@Override
		public boolean containsKey(Object name) {
			if (!(name instanceof String bean) || !this.context.containsBean(bean)) {
				return false;
			}
			Class<?> type = this.context.getType(bean);
			return type != null && STEP_TYPES.stream().anyMatch(step -> step.isAssignableFrom(type));
		}

		@Override
		public Object get(Object name) {
			return containsKey(name) ? this.context.getBean((String) name) : null;
		}

		@Override
		public Set<Entry<Object, Object>> entrySet() {
			throw new UnsupportedOperationException("Process steps are looked up by name only");
		}

	}

}
