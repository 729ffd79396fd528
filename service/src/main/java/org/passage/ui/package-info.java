/**
 * The case officers' pages (ADR 0007): sign-in at {@code /}, the inbox, the case file,
 * rendered on the server with Thymeleaf and updated in part with htmx, in English, French
 * and Spanish. The pages read and change cases only through the other modules' APIs
 * ({@link org.passage.cases.CaseService}, {@link org.passage.tasks.Steps}), so every
 * office, role and four-eyes check of the API applies here too. Camunda's Tasklist is not
 * a staff tool.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Case officer UI")
package org.passage.ui;
