package org.passage.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A role that may not call an endpoint is refused before its request is read: Spring MVC
 * reads and validates a body before method security runs, so without this a caller
 * without the role would learn from a 400 what the body should be. The endpoint's
 * {@code @PreAuthorize} is checked here first, with no arguments (Passage's name roles
 * only), and again by method security as the call goes in.
 */
@Component
class RolesBeforeInput implements WebMvcConfigurer, HandlerInterceptor {

	private final PreAuthorizeAuthorizationManager roles = new PreAuthorizeAuthorizationManager();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(PreAuthorize.class)) {
			AuthorizationResult result = this.roles.authorize(SecurityContextHolder.getContext()::getAuthentication,
					new SimpleMethodInvocation(method.getBean(), method.getMethod()));
			if (result != null && !result.isGranted()) {
				throw new AccessDeniedException("This account's role may not make this call");
			}
		}
		return true;
	}

}
