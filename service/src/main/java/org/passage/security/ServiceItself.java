package org.passage.security;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work the service does on its own account (the nightly retention, the quick start's demo
 * data, the metrics' counts): it runs as an operator named after the work, so the service
 * layer's role checks apply to it as to anyone, and the audit trail names it.
 */
public final class ServiceItself {

	private ServiceItself() {
	}

	/** Runs {@code work} as the operator {@code name}, then puts the caller back. */
	public static <T> T as(String name, Supplier<T> work) {
		SecurityContext caller = SecurityContextHolder.getContext();
		SecurityContext operator = SecurityContextHolder.createEmptyContext();
		operator.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
				List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		SecurityContextHolder.setContext(operator);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(caller);
		}
	}

	/** Runs {@code work} as the operator {@code name}, then puts the caller back. */
	public static void as(String name, Runnable work) {
		as(name, () -> {
			work.run();
			return null;
		});
	}

}
