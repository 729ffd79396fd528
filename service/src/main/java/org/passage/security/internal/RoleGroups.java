package org.passage.security.internal;

import org.passage.security.Roles;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every role exists as a Camunda group from the first start, in every mode: BPMN
 * candidate groups and the API's role checks name them, so operators only add accounts to
 * them. Idempotent across restarts and nodes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RoleGroups implements ApplicationRunner {

	private final IdentityService identity;

	private final AuthorizationService authorizations;

	RoleGroups(IdentityService identity, AuthorizationService authorizations) {
		this.identity = identity;
		this.authorizations = authorizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String role : Roles.ALL) {
			if (this.identity.createGroupQuery().groupId(role).count() == 0) {
				Group group = this.identity.newGroup(role);
				group.setName(Roles.describe(role));
				group.setType("WORKFLOW");
				this.identity.saveGroup(group);
			}
			// Staff get no engine authorizations (ADR 0006); remove any a database from
			// before kept.
			for (Authorization granted : this.authorizations.createAuthorizationQuery().groupIdIn(role).list()) {
				this.authorizations.deleteAuthorization(granted.getId());
			}
		}
		// Nor on tasks, to anyone: Camunda's default provider gave them to assignees and
		// groups.
		for (Authorization granted : this.authorizations.createAuthorizationQuery()
			.resourceType(Resources.TASK)
			.list()) {
			this.authorizations.deleteAuthorization(granted.getId());
		}
	}

}
