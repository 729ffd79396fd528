package org.passage.tasks;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.stereotype.Component;

/**
 * The Camunda form a task is bound to, as the engine deployed it (the version its
 * {@code camunda:formRef} binding names), so a form redeployed from Modeler is checked as
 * deployed, and a task keeps the form it was created with.
 */
@Component
class FormSchemas {

	private final FormService forms;

	private final ObjectMapper json;

	FormSchemas(FormService forms, ObjectMapper json) {
		this.forms = forms;
		this.json = json;
	}

	/** The task's form; a {@link NullValueException} when the task is no longer open. */
	FormSchema ofTask(String taskId) {
		InputStream form;
		try {
			form = this.forms.getDeployedTaskForm(taskId);
		}
		catch (NullPointerException gone) {
			// Camunda 7.24's GetDeployedTaskFormCmd dereferences the task before checking
			// that it
			// exists, so a task completed a moment ago surfaces as a
			// NullPointerException.
			throw new NullValueException("Task " + taskId + " is no longer open");
		}
		try (InputStream in = form) {
			return new FormSchema(this.json.readTree(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The form of task " + taskId + " cannot be read", ex);
		}
	}

}
