package org.passage.cases.web;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passage.cases.CaseService;
import org.passage.cases.CaseStatus;
import org.passage.cases.Staff;
import org.passage.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The case API's web adapter alone (a slice): what it refuses before any case is touched.
 */
@WebMvcTest(CaseController.class)
@Import(org.passage.security.internal.WebSecurity.class)
class CaseControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CaseService cases;

	@BeforeEach
	void anOfficerOfTunis() {
		given(this.cases.staff(any())).willReturn(new Staff("officer", Set.of("CASE_OFFICER"), List.of("TUN")));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aStatusThatDoesNotExistIsA400NamingTheParameter() throws Exception {
		this.mvc.perform(get("/api/v1/cases").param("status", "BOGUS"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		verifyNoInteractions(this.cases);
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aCaseListedByStatusIsAskedForWithTheTypedStatus() throws Exception {
		this.mvc.perform(get("/api/v1/cases").param("status", "OPEN")).andExpect(status().isOk());
		org.mockito.Mockito.verify(this.cases).list(any(), eq(CaseStatus.OPEN), eq(0), eq(50));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aCaseOpenedWithoutItsPersonIsA400NamingTheField() throws Exception {
		this.mvc.perform(post("/api/v1/cases").contentType(MediaType.APPLICATION_JSON).content("""
				{"type": "VOT", "office": "TUN"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("person"));
	}

	@Test
	@WithMockUser(username = "officer", roles = "CASE_OFFICER")
	void aCaseOfAnotherOfficeDoesNotExistForTheReader() throws Exception {
		given(this.cases.read(eq("VOT-2026-000009"), any()))
			.willThrow(new NotFoundException("No case VOT-2026-000009"));
		this.mvc.perform(get("/api/v1/cases/VOT-2026-000009"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	@WithMockUser(username = "policy", roles = "POLICY_STAFF")
	void policyStaffHaveNoCaseAccess() throws Exception {
		this.mvc.perform(get("/api/v1/cases")).andExpect(status().isForbidden());
		verifyNoInteractions(this.cases);
	}

}
