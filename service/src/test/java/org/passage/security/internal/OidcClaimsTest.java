package org.passage.security.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/** What an identity provider's claims grant in Passage. */
class OidcClaimsTest {

	final OidcClaims claims = new OidcClaims("preferred_username", "roles", "offices");

	@Test
	void onlyPassagesRolesAreGrantedAndAnyOtherGroupIsIgnored() {
		assertThat(granted(Map.of("roles", List.of("CASE_OFFICER", "superuser", "ROLE_ADMIN", "case_officer"))))
			.containsExactly("ROLE_CASE_OFFICER");
	}

	@Test
	void operatorsAreNamedAdminOrAsCamundaNamesThem() {
		assertThat(granted(Map.of("roles", List.of("ADMIN")))).containsExactly("ROLE_ADMIN");
		assertThat(granted(Map.of("roles", List.of("camunda-admin")))).containsExactly("ROLE_ADMIN");
	}

	@Test
	void aClaimMayBeASpaceSeparatedString() {
		assertThat(granted(Map.of("roles", "SUPERVISOR HQ_APPROVER", "offices", "TUN RBA")))
			.containsExactly("ROLE_SUPERVISOR", "ROLE_HQ_APPROVER", "OFFICE_TUN", "OFFICE_RBA");
	}

	@Test
	void anOfficeIsThreeCapitalLettersAndAnythingElseIsIgnored() {
		assertThat(granted(Map.of("offices", List.of("TUN", "tun", "TUNIS", "T'N", "")))).containsExactly("OFFICE_TUN");
	}

	@Test
	void noClaimsGrantNothing() {
		assertThat(granted(Map.of("sub", "someone"))).isEmpty();
	}

	@Test
	void otherClaimNamesAreSettings() {
		OidcClaims named = new OidcClaims("email", "groups", "duty_stations");

		assertThat(named.authorities(Map.of("groups", List.of("AUDITOR"), "duty_stations", List.of("DKR")))
			.stream()
			.map(GrantedAuthority::getAuthority)
			.toList()).containsExactly("ROLE_AUDITOR", "OFFICE_DKR");
	}

	List<String> granted(Map<String, Object> claims) {
		return this.claims.authorities(claims).stream().map(GrantedAuthority::getAuthority).toList();
	}

}
