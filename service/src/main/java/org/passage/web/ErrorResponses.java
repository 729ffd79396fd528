package org.passage.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that Spring MVC's handlers never see, answered like the rest: a problem for the
 * API ({@code /api/**}), a page in sentences for the pages. Two places produce them:
 * <ul>
 * <li>the servlet's error dispatch ({@code /error}): Spring Security's firewall refusing
 * an address, a {@code sendError} from a filter;</li>
 * <li>Tomcat itself, for an address it cannot even decode ({@code %00}, an encoded
 * slash), before any servlet runs: its error report valve is replaced.</li>
 * </ul>
 */
public final class ErrorResponses {

	private ErrorResponses() {
	}

	/** Whether {@code path} (as sent, undecoded) is the API's. */
	static boolean api(String path) {
		return path != null && (path.startsWith("/api/") || path.equals("/api"));
	}

	/** A problem for a status Passage's handlers did not answer themselves. */
	static ProblemDetail problem(int code) {
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
		}
		String detail = switch (status) {
			case BAD_REQUEST -> "Passage cannot read this request: its address or its headers are malformed.";
			case UNAUTHORIZED -> "Send the account's user name and password (HTTP Basic) with every call.";
			case FORBIDDEN -> "This account's role may not make this call.";
			case NOT_FOUND -> "Passage has nothing at this address.";
			case METHOD_NOT_ALLOWED -> "This address does not take this method.";
			default -> status.is5xxServerError()
					? "Passage failed to answer; the failure is logged under this response's X-Request-Id."
					: status.getReasonPhrase() + ".";
		};
		return Problems.of(status, Problems.typeOf(status), status.getReasonPhrase(), detail);
	}

	/** The error dispatch: a problem for the API, Spring Boot's error page elsewhere. */
	@Controller
	@RequestMapping("${server.error.path:${error.path:/error}}")
	static class Dispatch extends BasicErrorController {

		Dispatch(ErrorAttributes attributes, ServerProperties server, List<ErrorViewResolver> resolvers) {
			super(attributes, server.getError(), resolvers);
		}

		@Override
		public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
			if (!api(failedPath(request))) {
				return super.errorHtml(request, response);
			}
			ResponseEntity<Map<String, Object>> problem = error(request);
			response.setStatus(problem.getStatusCode().value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			try {
				new ObjectMapper().writeValue(response.getOutputStream(), problem.getBody());
			}
			catch (IOException gone) {
				// the caller went away
			}
			return null;
		}

		@Override
		public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
			String path = failedPath(request);
			if (!api(path)) {
				return super.error(request);
			}
			ProblemDetail problem = problem(getStatus(request).value());
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", problem.getType().toString());
			body.put("title", problem.getTitle());
			body.put("status", problem.getStatus());
			body.put("detail", problem.getDetail());
			body.put("instance", path);
			return ResponseEntity.status(problem.getStatus())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(body);
		}

		private static String failedPath(HttpServletRequest request) {
			Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			return path == null ? request.getRequestURI() : path.toString();
		}

	}

	/** Puts {@link ProblemReport} in the place of Tomcat's (and Spring Boot's) report. */
	@Component
	static class Container implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final ObjectMapper json;

		Container(ObjectMapper json) {
			this.json = json;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers(context -> {
				StandardHost host = (StandardHost) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemReport(this.json));
				host.setErrorReportValveClass(ProblemReport.class.getName());
			});
		}

		/** After Spring Boot's own customizer, which adds an error report valve. */
		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * Tomcat's error report for what it refuses before any servlet runs: a problem for
	 * the API, a short page in a sentence elsewhere; never Tomcat's page, its version, or
	 * a stack trace.
	 */
	public static class ProblemReport extends ErrorReportValve {

		private final ObjectMapper json;

		public ProblemReport() {
			this(new ObjectMapper());
		}

		ProblemReport(ObjectMapper json) {
			this.json = json;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0) {
				return;
			}
			AtomicBoolean writable = new AtomicBoolean(false);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
			if (!writable.get() || !response.setErrorReported()) {
				return;
			}
			try {
				String path = request.getRequestURI();
				String body;
				if (api(path)) {
					ProblemDetail problem = problem(status);
					try {
						problem.setInstance(URI.create(path));
					}
					catch (IllegalArgumentException unreadable) {
						// no instance for an address that is no URI
					}
					response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
					body = this.json.writeValueAsString(problem);
				}
				else {
					// Before Spring runs there is no reader's language: the page speaks
					// all three.
					response.setContentType(MediaType.TEXT_HTML_VALUE);
					body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Passage</title>"
							+ "</head><body><h1>Passage</h1>"
							+ "<p lang=\"en\">Passage cannot open this address. Go back to the start page.</p>"
							+ "<p lang=\"fr\">Passage ne peut pas ouvrir cette adresse. Revenez à la page d'accueil.</p>"
							+ "<p lang=\"es\">Passage no puede abrir esta dirección. Vuelva a la página de inicio.</p>"
							+ "<p><a href=\"/\">Passage</a></p></body></html>";
				}
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException gone) {
				// nothing more can be said to this caller
			}
		}

	}

}
