package org.passage.security.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.passage.security.Roles;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who an external OpenID Connect provider says someone is: their user name, their Passage
 * roles and their offices, read from the claims of an ID token (people signing in to the
 * pages) or of a bearer JWT (systems calling the API). Claim names are settings:
 * {@code passage.security.oidc.user-claim} (default {@code preferred_username}, else the
 * subject), {@code roles-claim} (default {@code roles}) and {@code offices-claim}
 * (default {@code offices}); each holds a list or a space-separated string.
 * <p>
 * Only Passage's roles count (and {@code ADMIN} or {@code camunda-admin} for operators):
 * a provider's other groups grant nothing. Offices become {@code OFFICE_} authorities,
 * which the case service adds to the offices Passage itself assigns.
 */
class OidcClaims {

	private final String userClaim;

	private final String rolesClaim;

	private final String officesClaim;

	OidcClaims(String userClaim, String rolesClaim, String officesClaim) {
		this.userClaim = userClaim;
		this.rolesClaim = rolesClaim;
		this.officesClaim = officesClaim;
	}

	/** The roles and offices the claims grant. */
	List<GrantedAuthority> authorities(Map<String, Object> claims) {
		Set<GrantedAuthority> granted = new LinkedHashSet<>();
		for (String role : values(claims.get(this.rolesClaim))) {
			if (role.equals("ADMIN") || role.equals(Roles.ADMIN)) {
				granted.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
			}
			else if (Roles.ALL.contains(role)) {
				granted.add(new SimpleGrantedAuthority("ROLE_" + role));
			}
		}
		for (String office : values(claims.get(this.officesClaim))) {
			if (office.matches("[A-Z]{3}")) {
				granted.add(new SimpleGrantedAuthority(Roles.OFFICE_AUTHORITY + office));
			}
		}
		return List.copyOf(granted);
	}

	/** A calling system's bearer JWT, as an authentication. */
	Converter<Jwt, AbstractAuthenticationToken> bearerTokens() {
		return jwt -> new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()),
				jwt.hasClaim(this.userClaim) ? jwt.getClaimAsString(this.userClaim) : jwt.getSubject());
	}

	/** A person signed in through the provider, with the roles and offices it names. */
	OAuth2UserService<OidcUserRequest, OidcUser> people() {
		OidcUserService standard = new OidcUserService();
		return request -> {
			OidcUser user = standard.loadUser(request);
			return new DefaultOidcUser(authorities(user.getClaims()), user.getIdToken(), user.getUserInfo(),
					user.getClaims().containsKey(this.userClaim) ? this.userClaim : "sub");
		};
	}

	private static Collection<String> values(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> many) {
			many.forEach(value -> values.add(String.valueOf(value).strip()));
		}
		else if (claim instanceof String text) {
			values.addAll(List.of(text.strip().split("\\s+")));
		}
		return values;
	}

}
