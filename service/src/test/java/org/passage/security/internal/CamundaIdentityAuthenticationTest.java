package org.passage.security.internal;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passage.security.Roles;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class CamundaIdentityAuthenticationTest {

	private final IdentityService identity = mock(IdentityService.class);

	@BeforeEach
	void oneClientInDecisionApi() {
		when(this.identity.checkPassword(anyString(), anyString())).thenReturn(false);
		when(this.identity.checkPassword("client", "key-1")).thenReturn(true);
		GroupQuery groups = mock(GroupQuery.class, RETURNS_SELF);
		Group group = mock(Group.class);
		when(group.getId()).thenReturn(Roles.DECISION_API);
		when(groups.list()).thenReturn(List.of(group));
		when(this.identity.createGroupQuery()).thenReturn(groups);
	}

	@Test
	void grantsOneRolePerGroup() {
		Authentication signedIn = provider(Duration.ofSeconds(30)).authenticate(login("client", "key-1"));
		assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_DECISION_API");
	}

	@Test
	void remembersASuccessfulCheckSoTheNextCallSkipsTheDatabase() {
		CamundaIdentityAuthentication provider = provider(Duration.ofSeconds(30));
		provider.authenticate(login("client", "key-1"));
		provider.authenticate(login("client", "key-1"));
		verify(this.identity, times(1)).checkPassword("client", "key-1");
	}

	@Test
	void aWrongKeyIsRefusedEvenRightAfterTheRightOne() {
		CamundaIdentityAuthentication provider = provider(Duration.ofSeconds(30));
		provider.authenticate(login("client", "key-1"));
		assertThatThrownBy(() -> provider.authenticate(login("client", "key-2")))
			.isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> provider.authenticate(login("other", "key-1")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void neverRemembersAFailure() {
		CamundaIdentityAuthentication provider = provider(Duration.ofSeconds(30));
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> provider.authenticate(login("client", "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		verify(this.identity, times(2)).checkPassword("client", "wrong");
	}

	@Test
	void checksEveryCallWhenTheCacheIsTurnedOff() {
		CamundaIdentityAuthentication provider = provider(Duration.ZERO);
		provider.authenticate(login("client", "key-1"));
		provider.authenticate(login("client", "key-1"));
		verify(this.identity, times(2)).checkPassword("client", "key-1");
	}

	private CamundaIdentityAuthentication provider(Duration remembered) {
		return new CamundaIdentityAuthentication(this.identity, remembered, new SignInThrottle(5, 30, 50));
	}

	private static Authentication login(String user, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
	}

}
