package org.passage.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service and grants one
 * {@code ROLE_} authority per group, so {@code hasRole('CASE_OFFICER')} means "in the
 * CASE_OFFICER group" and {@code camunda-admin} becomes {@code ROLE_ADMIN}.
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

	private final IdentityService identity;

	CamundaIdentityAuthentication(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		Object password = authentication.getCredentials();
		if (password == null || !this.identity.checkPassword(user, password.toString())) {
			throw new BadCredentialsException("Bad credentials");
		}
		List<SimpleGrantedAuthority> roles = this.identity.createGroupQuery()
			.groupMember(user)
			.list()
			.stream()
			.map(group -> new SimpleGrantedAuthority(
					"ROLE_" + (Roles.ADMIN.equals(group.getId()) ? "ADMIN" : group.getId())))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
