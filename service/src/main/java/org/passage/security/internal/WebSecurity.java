package org.passage.security.internal;

import org.passage.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP access. The Camunda webapps keep their own sign-in and CSRF protection; the
 * Passage API and the engine REST API are stateless and need credentials on every call.
 * The engine REST API is for operators only: it can read any process variable.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class WebSecurity {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**", "/actuator/info")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.requestMatchers("/engine-rest/**")
			.hasRole("ADMIN")
			.requestMatchers("/api/v1/decisions/**", "/api/v1/decisions")
			.hasRole(Roles.DECISION_API)
			.requestMatchers("/api/v1/cases/**", "/api/v1/cases", "/api/v1/tasks/**", "/api/v1/tasks")
			// Casework roles only: operators run the system but do not read victims'
			// files.
			.hasAnyRole(Roles.CASE_OFFICER, Roles.SUPERVISOR, Roles.REGIONAL_APPROVER, Roles.HQ_APPROVER)
			.requestMatchers("/api/**")
			.authenticated()
			.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			.requestMatchers("/", "/camunda/**", "/error")
			.permitAll()
			.anyRequest()
			.denyAll())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Stateless API calls carry credentials on every request; the webapps have
			// their own CSRF filter.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
