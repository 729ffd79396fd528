package org.passage.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.passage.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Quick start only: one demo user per role (after {@code RoleGroups} made the groups),
 * each in the Camunda group of its role, so that the same account signs in to Tasklist
 * and to the Passage API. Idempotent across restarts.
 */
@Component
@Profile(QuickStartMode.PROFILE)
@Order(1)
class DemoUsers implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	private final IdentityService identity;

	private final List<String> users;

	DemoUsers(IdentityService identity, @Value("${passage.demo.users}") List<String> users) {
		this.identity = identity;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String id : this.users) {
			if (this.identity.createUserQuery().userId(id).count() == 0) {
				User user = this.identity.newUser(id);
				user.setFirstName("Demo");
				user.setLastName(id);
				user.setPassword(id);
				this.identity.saveUser(user);
				this.identity.createMembership(id, Roles.ofDemoUser(id));
				log.info("Quick start: demo user '{}' in group {}", id, Roles.ofDemoUser(id));
			}
		}
	}

}
