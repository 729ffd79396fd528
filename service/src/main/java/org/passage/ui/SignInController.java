package org.passage.ui;

import java.util.ArrayList;
import java.util.List;

import org.passage.security.Roles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page at the root URL. Spring Security reads the form ({@code POST
 * /sign-in}) and signs out ({@code POST /sign-out}); see
 * {@code security.internal.WebSecurity}.
 */
@Controller
class SignInController {

	private static final java.util.List<String> CASEWORK = java.util.List.of(Roles.CASE_OFFICER, Roles.SUPERVISOR,
			Roles.REGIONAL_APPROVER, Roles.HQ_APPROVER);

	private final ObjectProvider<ClientRegistrationRepository> providers;

	SignInController(ObjectProvider<ClientRegistrationRepository> providers) {
		this.providers = providers;
	}

	@GetMapping("/")
	String signIn(Authentication caller, Model model) {
		if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
			// policy staff have no inbox: their work is the decision tables
			boolean casework = caller.getAuthorities()
				.stream()
				.anyMatch(role -> CASEWORK.contains(role.getAuthority().replaceFirst("^ROLE_", "")));
			if (casework) {
				return "redirect:/inbox";
			}
			boolean auditor = caller.getAuthorities()
				.stream()
				.anyMatch(role -> role.getAuthority().equals("ROLE_" + Roles.AUDITOR));
			return auditor ? "redirect:/audit" : "redirect:/rulesets";
		}
		// An external identity provider, when one is configured: a link to sign in there.
		List<ClientRegistration> external = new ArrayList<>();
		if (this.providers.getIfAvailable() instanceof Iterable<?> registrations) {
			registrations.forEach(registration -> external.add((ClientRegistration) registration));
		}
		model.addAttribute("providers", external);
		return "sign-in";
	}

}
