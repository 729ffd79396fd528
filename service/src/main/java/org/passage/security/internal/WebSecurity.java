package org.passage.security.internal;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.passage.security.Roles;
import org.passage.web.ProblemWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
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
 * {@code /}, a session cookie, CSRF tokens on every form, sign-out. Casework roles open
 * the case pages, policy staff the decision-table pages (editors and approvers each their
 * own forms); systems and operators are refused (403).</li>
 * </ul>
 * Both chains check passwords against Camunda's identity service
 * ({@link CamundaIdentityAuthentication}). When an external OpenID Connect provider is
 * configured, the API also takes its bearer JWTs and the pages offer a sign-in through
 * it, roles and offices read from its claims ({@link OidcClaims}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class WebSecurity {

	/** The paths of the stateless API and of Camunda's own surfaces. */
	static final String[] API = { "/api/**", "/engine-rest/**", "/actuator/**", "/camunda/**", "/v3/api-docs/**",
			"/swagger-ui/**", "/swagger-ui.html" };

	/** What answers in JSON only: no page, so no script, frame or referrer. */
	private static final RequestMatcher JSON_ONLY = new OrRequestMatcher(
			java.util.stream.Stream.of("/api/**", "/engine-rest/**", "/actuator/**", "/v3/api-docs/**")
				.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
				.toList());

	static final String[] CASEWORK = { Roles.CASE_OFFICER, Roles.SUPERVISOR, Roles.REGIONAL_APPROVER,
			Roles.HQ_APPROVER };

	static final String[] POLICY = { Roles.POLICY_EDITOR, Roles.POLICY_APPROVER };

	static final String[] READ_TABLES = { Roles.CASE_OFFICER, Roles.SUPERVISOR, Roles.REGIONAL_APPROVER,
			Roles.HQ_APPROVER, Roles.POLICY_EDITOR, Roles.POLICY_APPROVER };

	@Bean
	@Order(1)
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectMapper json,
			ObjectProvider<JwtDecoder> bearerTokens, OidcClaims claims) throws Exception {
		SecurityProblems problems = new SecurityProblems(new ProblemWriter(json));
		// Systems may send an external provider's bearer JWT instead of a password, when
		// one is configured (spring.security.oauth2.resourceserver.jwt.issuer-uri).
		JwtDecoder decoder = bearerTokens.getIfAvailable();
		if (decoder != null) {
			http.oauth2ResourceServer(server -> server.authenticationEntryPoint(problems)
				.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(claims.bearerTokens())));
		}
		// Matched on the path, whichever servlet serves it: the engine REST API and the
		// webapps are not Spring MVC's.
		http.securityMatcher(new OrRequestMatcher(java.util.Arrays.stream(API)
			.<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher)
			.toList()))
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				.requestMatchers("/engine-rest/**")
				.hasRole("ADMIN")
				.requestMatchers("/api/v1/decisions/**", "/api/v1/decisions", "/api/v1/programmes/*/decisions*")
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
			.headers(headers -> headers
				// JSON needs no script, frame or referrer; Camunda's webapps set their
				// own policy.
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(JSON_ONLY,
						new StaticHeadersWriter("Content-Security-Policy",
								"default-src 'none'; frame-ancestors 'none'")))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(JSON_ONLY,
						new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER))))
			.httpBasic(basic -> basic.authenticationEntryPoint(problems))
			.exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
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
	SecurityFilterChain pagesFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> providers,
			OidcClaims claims) throws Exception {
		// People may sign in through an external provider too, when one is configured
		// (spring.security.oauth2.client.registration.*): the sign-in page links to it.
		if (providers.getIfAvailable() != null) {
			http.oauth2Login(login -> login.loginPage("/")
				.defaultSuccessUrl("/", true)
				.failureUrl("/?error")
				.userInfoEndpoint(people -> people.oidcUserService(claims.people())));
		}
		http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/inbox", "/inbox/**", "/cases", "/cases/**", "/steps/**")
			.hasAnyRole(CASEWORK)
			.requestMatchers("/dashboard")
			.hasAnyRole(Roles.SUPERVISOR, Roles.REGIONAL_APPROVER, Roles.HQ_APPROVER)
			// Policy staff change the tables: editors upload and submit drafts and
			// their scenarios, approvers approve or reject versions and rollbacks, both
			// simulate and ask for rollbacks. The services check four eyes again.
			.requestMatchers(HttpMethod.GET, "/rulesets/*/upload")
			.hasRole(Roles.POLICY_EDITOR)
			.requestMatchers(HttpMethod.POST, "/rulesets/*/upload", "/rulesets/*/versions/*/submit",
					"/rulesets/*/versions/*/scenarios", "/rulesets/*/versions/*/scenarios/**")
			.hasRole(Roles.POLICY_EDITOR)
			.requestMatchers(HttpMethod.POST, "/rulesets/*/versions/*/approve", "/rulesets/*/versions/*/reject",
					"/rulesets/*/rollbacks/*/approve", "/rulesets/*/rollbacks/*/refuse")
			.hasRole(Roles.POLICY_APPROVER)
			.requestMatchers(HttpMethod.POST, "/rulesets/**")
			.hasAnyRole(POLICY)
			.requestMatchers("/rulesets/*/versions/*/simulations/**", "/rulesets/*/versions/*/scenarios.csv")
			.hasAnyRole(POLICY)
			// Who looked at a person's file: the trail, never the file itself.
			.requestMatchers("/audit", "/audit/**")
			.hasRole(Roles.AUDITOR)
			// A decision's reasons link to its table: casework reads the tables, policy
			// staff change them.
			.requestMatchers("/rulesets", "/rulesets/**")
			.hasAnyRole(READ_TABLES)
			.anyRequest()
			.denyAll())
			.formLogin(form -> form.loginPage("/")
				.loginProcessingUrl("/sign-in")
				.defaultSuccessUrl("/", true)
				.failureHandler(signInFailed())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/?signedOut").permitAll())
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")));
		return http.build();
	}

	/** How an external identity provider's claims name users, roles and offices. */
	@Bean
	OidcClaims oidcClaims(@Value("${passage.security.oidc.user-claim:preferred_username}") String userClaim,
			@Value("${passage.security.oidc.roles-claim:roles}") String rolesClaim,
			@Value("${passage.security.oidc.offices-claim:offices}") String officesClaim) {
		return new OidcClaims(userClaim, rolesClaim, officesClaim);
	}

	/** A wrong password, or too many of them from here: the sign-in page says which. */
	private static AuthenticationFailureHandler signInFailed() {
		ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
		failed.setExceptionMappings(Map.of(SignInThrottled.class.getName(), "/?throttled"));
		failed.setDefaultFailureUrl("/?error");
		return failed;
	}

}
