package org.passage.ui;

import java.util.List;

import org.passage.cases.Staff;

/** Who is signed in, as the pages' header shows them. */
record SignedIn(String user, String name, List<String> roles, List<String> offices, boolean everyOffice) {

	static SignedIn of(Staff staff, String name) {
		return new SignedIn(staff.user(), name, staff.roles().stream().sorted().toList(),
				staff.offices().stream().sorted().toList(), staff.seesEveryOffice());
	}

}
