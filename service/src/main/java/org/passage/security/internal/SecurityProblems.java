package org.passage.security.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.passage.web.ProblemWriter;
import org.passage.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's answers when Spring Security refuses a call, as problems like every other
 * error: 401 asks for credentials, 429 says how long to wait after too many failed
 * sign-ins, 403 says the account may not make this call.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ProblemWriter writer;

	SecurityProblems(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof SignInThrottled throttled) {
			long seconds = throttled.retryAfter().toSeconds();
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			this.writer.write(request, response,
					Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-ins", "Too many failed sign-ins",
							"Too many failed sign-ins from this address: try again in " + seconds + " seconds."));
			return;
		}
		if (ex instanceof OAuth2AuthenticationException) {
			// What was wrong with the token (issuer, signature, expiry) is not for the
			// caller.
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			this.writer.write(request, response,
					Problems.of(HttpStatus.UNAUTHORIZED, "invalid-token", "Unauthenticated",
							"The bearer token was refused: it must come from the configured identity "
									+ "provider, be signed by it, and not have expired."));
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Passage\", charset=\"UTF-8\"");
		this.writer.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"Send the account's user name and password (HTTP Basic) with every call."));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		this.writer.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"This account's role may not make this call."));
	}

}
