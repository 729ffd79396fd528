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
import org.springframework.security.web.authentication.WebAuthenticationDetails;
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
 * changed key stops working within that time. Failures are never cached.
 * <p>
 * Wrong passwords are throttled per account and per source address
 * ({@link SignInThrottle}), never by locking the account: Camunda's own lock after
 * repeated failures is turned off in {@code application.yaml}, because it let anyone lock
 * anyone out.
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

	private final IdentityService identity;

	private final Cache<String, List<GrantedAuthority>> verified;

	private final SignInThrottle throttle;

	CamundaIdentityAuthentication(IdentityService identity,
			@Value("${passage.security.credential-cache:PT30S}") Duration remembered, SignInThrottle throttle) {
		this.identity = identity;
		this.throttle = throttle;
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
			String source = sourceOf(authentication);
			this.throttle.wait(user, source).ifPresent(wait -> {
				throw new SignInThrottled(wait);
			});
			try {
				roles = check(user, password.toString());
			}
			catch (BadCredentialsException ex) {
				this.throttle.failed(user, source);
				throw ex;
			}
			this.throttle.succeeded(user, source);
			this.verified.put(key, roles);
		}
		return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
	}

	/**
	 * The address the attempt came from, as Spring Security recorded it for both HTTP
	 * Basic and the sign-in form (the client's, behind a trusted proxy).
	 */
	private static String sourceOf(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
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
