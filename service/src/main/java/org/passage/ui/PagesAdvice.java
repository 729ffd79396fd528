package org.passage.ui;

import org.passage.cases.CaseService;
import org.passage.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shows (who is signed in), and errors as sentences on a page, never a
 * code or a stack trace. The API keeps its problem details: this advice applies to the
 * pages' controllers only, and before the API's.
 */
@ControllerAdvice(basePackageClasses = PagesAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PagesAdvice {

	private static final Logger log = LoggerFactory.getLogger(PagesAdvice.class);

	private final CaseService cases;

	private final ObjectProvider<People> people;

	/**
	 * People are looked up lazily: Spring MVC slices of other modules load every advice,
	 * and the header is only drawn on the pages.
	 */
	PagesAdvice(CaseService cases, ObjectProvider<People> people) {
		this.cases = cases;
		this.people = people;
	}

	@ModelAttribute("me")
	SignedIn me(Authentication caller) {
		return caller == null ? null : SignedIn.of(this.cases.staff(caller), nameOf(caller.getName()));
	}

	private String nameOf(String user) {
		People names = this.people.getIfAvailable();
		return names == null ? user : names.nameOf(user);
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, Authentication caller) {
		return error(HttpStatus.NOT_FOUND, caller);
	}

	@ExceptionHandler(ErrorResponseException.class)
	ModelAndView refused(ErrorResponseException ex, Authentication caller) {
		return error(ex.getStatusCode(), caller);
	}

	/**
	 * A parameter the pages never send (a typed-in URL): a bad request, not a failure.
	 */
	@ExceptionHandler({ org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
			org.springframework.validation.BindException.class })
	ModelAndView badParameter(Exception ex, Authentication caller) {
		return error(HttpStatus.BAD_REQUEST, caller);
	}

	/**
	 * A service refused the caller's role (the services check roles themselves, whatever
	 * the page's own rule said): the page that says so, not a failure.
	 */
	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView refused(Authentication caller) {
		return error(HttpStatus.FORBIDDEN, caller);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView failed(Exception ex, Authentication caller) {
		log.error("A page failed", ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, caller);
	}

	private ModelAndView error(HttpStatusCode status, Authentication caller) {
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		if (caller != null) {
			try {
				page.addObject("me", me(caller));
			}
			catch (RuntimeException ex) {
				// the header is a courtesy: an error page must render without it
			}
		}
		return page;
	}

}
