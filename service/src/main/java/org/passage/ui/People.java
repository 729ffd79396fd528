package org.passage.ui;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** People's names, from Camunda's identity service, where their accounts live. */
@Component
class People {

	private final IdentityService identity;

	People(IdentityService identity) {
		this.identity = identity;
	}

	/** The user's first and last name, or their user id when the account has none. */
	String nameOf(String user) {
		User account = this.identity.createUserQuery().userId(user).singleResult();
		if (account == null) {
			return user;
		}
		String name = ((account.getFirstName() == null ? "" : account.getFirstName()) + " "
				+ (account.getLastName() == null ? "" : account.getLastName()))
			.trim();
		return name.isEmpty() ? user : name;
	}

}
