package org.passage.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.passage.cases.CaseService;
import org.passage.cases.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/**
 * What the pages' slice tests share ({@code @WebMvcTest} of a few controllers each): the
 * pages' security chain, the formats, a clock fixed on 3 December 2026, and the cases and
 * people's names mocked, with the signed-in user working as an officer of Tunis unless a
 * test says otherwise.
 */
@Import({ org.passage.security.internal.WebSecurity.class, Formats.class, PageSliceTesting.Today.class })
abstract class PageSliceTesting {

	static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 11, 30, 9, 15, 0, 0, ZoneOffset.UTC);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CaseService cases;

	@MockitoBean
	People people;

	final Staff officer = new Staff("officer", Set.of("CASE_OFFICER"), List.of("TUN"));

	@TestConfiguration
	static class Today {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
		}

	}

	@BeforeEach
	void anOfficerOfTunis() {
		given(this.cases.staff(any(Authentication.class))).willReturn(this.officer);
		given(this.people.nameOf(anyString())).willReturn("Amal Officer");
	}

}
