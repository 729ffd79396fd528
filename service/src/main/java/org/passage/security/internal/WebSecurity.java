package org.passage.security.internal;

import jakarta.servlet.DispatcherType;
import org.passage.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP access, in two chains.
 * <ul>
 * <li><b>The API</b> ({@code /api/**}, {@code /engine-rest/**}, actuator, the OpenAPI
 * document, and Camunda's webapps, which keep their own sign-in and CSRF protection): the
 * Passage API and the engine REST API are stateless and need credentials on every call
 * (HTTP Basic). The engine REST API is for operators only: it can read any process
 * variable.</li>
 * <li><b>The case officers' pages</b> (everything else, ADR 0007): a sign-in form at
 * {@code /}, a session cookie, CSRF tokens on every form, sign-out. Only casework roles
 * may open the pages; policy staff, systems and operators are refused (403).</li>
 * </ul>
 * Both chains check passwords against Camunda's identity service
 * ({@link CamundaIdentityAuthentication}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class WebSecurity {

	/** The paths of the stateless API and of Camunda's own surfaces. */
	static final String[] API = { "/api/**", "/engine-rest/**", "/actuator/**", "/camunda/**", "/v3/api-docs/**",
			"/swagger-ui/**", "/swagger-ui.html" };

	static final String[] CASEWORK = { Roles.CASE_OFFICER, Roles.SUPERVISOR, Roles.REGIONAL_APPROVER,
			Roles.HQ_APPROVER };

	@Bean
	@Order(1)
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		// Matched on the path, whichever servlet serves it: the engine REST API and the
		// webapps are not Spring MVC's.
		http.securityMatcher(new OrRequestMatcher(java.util.Arrays.stream(API)
			.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
			.toList()))
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**", "/actuator/info")
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
				.hasAnyRole(CASEWORK)
				.requestMatchers("/api/**")
				.authenticated()
				.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.permitAll()
				.requestMatchers("/camunda/**")
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

	/**
	 * The pages people use: form sign-in at {@code /}, a session, CSRF on every form
	 * (Spring Security's default, kept on), and sign-out by POST.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain pagesFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/", "/error", "/webjars/**", "/css/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/inbox", "/inbox/**", "/cases/**")
			.hasAnyRole(CASEWORK)
			.anyRequest()
			.denyAll())
			.formLogin(form -> form.loginPage("/")
				.loginProcessingUrl("/sign-in")
				.defaultSuccessUrl("/inbox", true)
				.failureUrl("/?error")
				.permitAll())
			.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/?signedOut").permitAll())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")));
		return http.build();
	}

}
