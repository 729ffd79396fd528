package org.passage.security.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.passage.security.Roles;
import org.passage.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's webapps and REST API are operator tools (ADR 0006). Camunda lets any user
 * with a password sign in to its Welcome app, and from there call the webapps' engine
 * API; this filter, in front of Camunda's own, refuses:
 * <ul>
 * <li>a webapp sign-in by anyone who is not an operator (password not even checked);</li>
 * <li>any webapp API call from a session whose user is not an operator (a session from
 * before this rule, or a group membership removed since);</li>
 * <li>deployments through either REST API unless
 * {@code passage.operators.rest-deployment} is on: the models ship in the jar, and a
 * deployed model could run any expression.</li>
 * </ul>
 * The engine REST API itself ({@code /engine-rest}) requires the operator role in Spring
 * Security.
 */
class OperatorOnlyCamunda extends OncePerRequestFilter {

	private static final Pattern LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+$");

	private static final Pattern DEPLOYMENT = Pattern.compile(
			"^(/engine-rest|/camunda/api/engine/engine/[^/]+)(/engine/[^/]+)?/deployment/(create|[^/]+/redeploy)$");

	private final IdentityService identity;

	private final ObjectMapper json;

	private final boolean restDeployment;

	private final SignInThrottle throttle;

	OperatorOnlyCamunda(IdentityService identity, ObjectMapper json,
			@Value("${passage.operators.rest-deployment:false}") boolean restDeployment, SignInThrottle throttle) {
		this.identity = identity;
		this.json = json;
		this.restDeployment = restDeployment;
		this.throttle = throttle;
	}

	/** Camunda's first-user set-up: never needed, the operator account is configured. */
	private static final String SETUP = "/camunda/api/admin/setup/";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return !path.startsWith("/camunda/api/") && !path.startsWith("/engine-rest/");
	}

	/**
	 * The path as the servlet container decoded and normalised it, without the context
	 * path and without trailing slashes, which JAX-RS routes as if they were not there
	 * ({@code /create/}).
	 */
	static String path(HttpServletRequest request) {
		String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		while (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = path(request);
		if (path.startsWith(SETUP)) {
			refuse(request, response, "operators-only", "Camunda's set-up is off: the operator account is configured.");
			return;
		}
		if (!this.restDeployment && "POST".equals(request.getMethod()) && DEPLOYMENT.matcher(path).matches()) {
			refuse(request, response, "rest-deployment-off", "Deploying through the REST API is off: Passage's "
					+ "process models ship with it. An operator can turn it on with passage.operators.rest-deployment.");
			return;
		}
		if (LOGIN.matcher(path).matches() && "POST".equals(request.getMethod())) {
			Buffered login = new Buffered(request);
			String user = login.parameter("username");
			if (!isOperator(user)) {
				refuse(request, response, "operators-only",
						"Camunda's webapps are for operators. Staff sign in to Passage itself.");
				return;
			}
			signIn(user, login, response, chain);
			return;
		}
		if (path.startsWith("/camunda/api/") && !signedInAsOperators(request.getSession(false))) {
			request.getSession(false).invalidate();
			refuse(request, response, "operators-only", "Camunda's webapps are for operators.");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * An operator's sign-in to the webapps, checked by Camunda itself, is throttled as
	 * Passage's own are ({@link SignInThrottle}).
	 */
	private void signIn(String user, HttpServletRequest login, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String source = login.getRemoteAddr();
		Optional<Duration> wait = this.throttle.wait(user, source);
		if (wait.isPresent()) {
			ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-ins",
					"Too many failed sign-ins", "Too many failed sign-ins from this address: " + "try again in "
							+ wait.get().toSeconds() + " seconds.");
			response.setHeader("Retry-After", String.valueOf(wait.get().toSeconds()));
			write(login, response, problem);
			return;
		}
		chain.doFilter(login, response);
		// Camunda answers a wrong password 401; another refusal (a missing CSRF token)
		// checked no password.
		if (response.getStatus() >= 200 && response.getStatus() < 300) {
			this.throttle.succeeded(user, source);
		}
		else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			this.throttle.failed(user, source);
		}
	}

	private boolean isOperator(String user) {
		return user != null && !user.isBlank()
				&& this.identity.createGroupQuery().groupMember(user).groupId(Roles.ADMIN).count() > 0;
	}

	/**
	 * True when nobody signed in to the webapps in this session, or only operators did.
	 */
	private boolean signedInAsOperators(HttpSession session) {
		if (session == null) {
			return true;
		}
		Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
		for (UserAuthentication user : signedIn.getAuthentications()) {
			if (user.getGroupIds() == null || !user.getGroupIds().contains(Roles.ADMIN)) {
				return false;
			}
		}
		return true;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String type, String detail)
			throws IOException {
		write(request, response, Problems.forbidden(type, detail).getBody());
	}

	private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** The sign-in form, read here and handed on unread to Camunda's sign-in resource. */
	private static final class Buffered extends HttpServletRequestWrapper {

		private static final int MAX = 16 * 1024;

		private final byte[] body;

		Buffered(HttpServletRequest request) throws IOException {
			super(request);
			this.body = request.getInputStream().readNBytes(MAX);
		}

		String parameter(String name) {
			for (String pair : new String(this.body, StandardCharsets.UTF_8).split("&")) {
				int equals = pair.indexOf('=');
				try {
					if (equals > 0
							&& URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
						return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
					}
				}
				catch (IllegalArgumentException malformed) {
					return null; // no readable user name: refused like any non-operator
				}
			}
			return null;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

	}

}
