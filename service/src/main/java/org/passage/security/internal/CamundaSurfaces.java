package org.passage.security.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link OperatorOnlyCamunda} in front of Camunda's webapp filters and Spring
 * Security.
 */
@Configuration(proxyBeanMethods = false)
class CamundaSurfaces {

	@Bean
	FilterRegistrationBean<OperatorOnlyCamunda> operatorOnlyCamunda(IdentityService identity, ObjectMapper json,
			@Value("${passage.operators.rest-deployment:false}") boolean restDeployment, SignInThrottle throttle) {
		FilterRegistrationBean<OperatorOnlyCamunda> registration = new FilterRegistrationBean<>(
				new OperatorOnlyCamunda(identity, json, restDeployment, throttle));
		registration.addUrlPatterns("/camunda/api/*", "/engine-rest/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
