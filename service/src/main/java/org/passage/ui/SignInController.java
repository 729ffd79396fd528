package org.passage.ui;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page at the root URL. Spring Security reads the form ({@code POST
 * /sign-in}) and signs out ({@code POST /sign-out}); see
 * {@code security.internal.WebSecurity}.
 */
@Controller
class SignInController {

	@GetMapping("/")
	String signIn(Authentication caller) {
		if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
			return "redirect:/inbox";
		}
		return "sign-in";
	}

}
