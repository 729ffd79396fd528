package org.passage.testing;

import java.util.Arrays;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A test calling a service bean directly does so as a person with a role, as the pages
 * and the API do: the services check roles themselves.
 */
public final class SignedIn {

	private SignedIn() {
	}

	/** {@code work}'s result, computed as {@code user} with {@code roles}. */
	public static <T> T as(String user, String role, Supplier<T> work) {
		SecurityContext before = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
				Arrays.stream(role.split(","))
					.map(name -> new SimpleGrantedAuthority("ROLE_" + name.strip()))
					.toList()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

	/** Does {@code work} as {@code user} with {@code role}. */
	public static void as(String user, String role, Runnable work) {
		as(user, role, () -> {
			work.run();
			return null;
		});
	}

}
