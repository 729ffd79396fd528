package org.passage.security.internal;

import org.passage.security.Roles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service and grants one
 * {@code ROLE_} authority per group, so {@code hasRole('CASE_OFFICER')} means "in the
 * CASE_OFFICER group" and {@code camunda-admin} becomes {@code ROLE_ADMIN}.
 * <p>
 * Stateless API clients send their key on every call, and checking it costs two queries.
 * A successful check is therefore remembered for
 * {@code passage.security.credential-cache} (default 30 s; 0 turns it off), keyed by the
 * user and a SHA-256 of the password, never the password itself. A removed account or
 * changed key stops working within that time. Failures are never cached, so Camunda's
 * delay after wrong passwords still applies to every attempt.
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

	private final IdentityService identity;

	private final Cache<String, List<GrantedAuthority>> verified;

	CamundaIdentityAuthentication(IdentityService identity,
			@Value("${passage.security.credential-cache:PT30S}") Duration remembered) {
		this.identity = identity;
		this.verified = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(10_000).build();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		Object password = authentication.getCredentials();
		if (password == null) {
			throw new BadCredentialsException("Bad credentials");
		}
		String key = user + ':' + sha256(password.toString());
		List<GrantedAuthority> roles = this.verified.getIfPresent(key);
		if (roles == null) {
			roles = check(user, password.toString());
			this.verified.put(key, roles);
		}
		return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
	}

	private List<GrantedAuthority> check(String user, String password) {
		if (!this.identity.checkPassword(user, password)) {
			throw new BadCredentialsException("Bad credentials");
		}
		return this.identity.createGroupQuery()
			.groupMember(user)
			.list()
			.stream()
			.<GrantedAuthority>map(group -> new SimpleGrantedAuthority(
					"ROLE_" + (Roles.ADMIN.equals(group.getId()) ? "ADMIN" : group.getId())))
			.toList();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
