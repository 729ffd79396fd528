/**
 * The case officer's inbox: the steps waiting for a person, claimed and completed with
 * the data of the step's Camunda form, checked on the server against the form's own
 * rules. {@link org.passage.tasks.Steps} is the inbox for the case officers' pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks")
package org.passage.tasks;
