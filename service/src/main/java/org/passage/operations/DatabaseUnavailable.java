package org.passage.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A request that failed because PostgreSQL cannot be reached is a 503, not a 500: the
 * service is fine and will be again once the database is back (the pool reconnects by
 * itself), so the caller should retry. Recognised by the cause, whichever layer wrapped
 * it (Spring's transaction manager, the engine, MyBatis): a connection the pool could not
 * get, or a connection-class SQL state (08xxx, 57P01..03 as a stopping server sends).
 * Other errors go on to the other resolvers.
 */
@Component
class DatabaseUnavailable implements HandlerExceptionResolver, Ordered {

	private static final String RETRY_AFTER_SECONDS = "5";

	private final ObjectMapper json;

	DatabaseUnavailable(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!unreachable(ex)) {
			return null;
		}
		answer(request, response);
		return new ModelAndView();
	}

	/**
	 * The same answer for what fails before Spring MVC runs: checking a password needs
	 * the database too, and that happens in the security filters.
	 */
	@Bean
	static FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter(ObjectMapper json) {
		DatabaseUnavailable unavailable = new DatabaseUnavailable(json);
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						try {
							chain.doFilter(request, response);
						}
						catch (ServletException | IOException | RuntimeException ex) {
							if (!unreachable(ex) || response.isCommitted()) {
								throw ex;
							}
							unavailable.answer(request, response);
						}
					}
				});
		// Outside Spring Security's chain, so its failures pass through here.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) {
		try {
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
			if (request.getRequestURI().startsWith("/api/")) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
						"The database cannot be reached just now; nothing was changed. Retry in a few seconds.");
				problem.setType(URI.create("urn:passage:problem:database-unavailable"));
				problem.setTitle("Service unavailable");
				problem.setInstance(URI.create(request.getRequestURI()));
				response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				this.json.writeValue(response.getOutputStream(), problem);
			}
			else {
				response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			}
		}
		catch (IOException gone) {
			// The caller went away: nothing to tell.
		}
	}

	static boolean unreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException) {
				return true;
			}
			// A rollback that failed on the dead connection hides the first failure.
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& unreachable(rollback.getApplicationException())) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
		}
		return false;
	}

}
