package org.passage.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies (OWASP API4): a declared length over the cap is refused before
 * it is read, and a chunked body stops being read at the cap.
 */
@Component
public class RequestSizeLimit extends OncePerRequestFilter {

	private final ObjectMapper json;

	public RequestSizeLimit(ObjectMapper json) {
		this.json = json;
	}

	/** Enough for a full batch of 1,000 decisions with room to spare. */
	public static final long MAX_BYTES = 2 * 1024 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			ProblemDetail problem = Problems.payloadTooLarge(new PayloadTooLargeException(MAX_BYTES).getMessage());
			problem.setInstance(URI.create(request.getRequestURI()));
			response.setStatus(problem.getStatus());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			this.json.writeValue(response.getOutputStream(), problem);
			return;
		}
		chain.doFilter(new Limited(request), response);
	}

	private static final class Limited extends HttpServletRequestWrapper {

		Limited(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++this.read > MAX_BYTES) {
						throw new PayloadTooLargeException(MAX_BYTES);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0 && (this.read += n) > MAX_BYTES) {
						throw new PayloadTooLargeException(MAX_BYTES);
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}

	}

}
