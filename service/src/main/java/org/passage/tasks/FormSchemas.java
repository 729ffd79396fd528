package org.passage.tasks;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FormService;
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

	FormSchema ofTask(String taskId) {
		try (InputStream in = this.forms.getDeployedTaskForm(taskId)) {
			return new FormSchema(this.json.readTree(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The form of task " + taskId + " cannot be read", ex);
		}
	}

}
