package org.passage.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The forms shipped with the processes ({@code forms/<id>.form}), read once. */
@Component
class FormSchemas {

	private final ObjectMapper json;

	private final Map<String, FormSchema> forms = new ConcurrentHashMap<>();

	FormSchemas(ObjectMapper json) {
		this.json = json;
	}

	FormSchema get(String id) {
		return this.forms.computeIfAbsent(id, this::load);
	}

	private FormSchema load(String id) {
		if (!id.matches("[a-z-]+")) {
			throw new IllegalArgumentException("Not a form id: " + id);
		}
		try (InputStream in = new ClassPathResource("forms/" + id + ".form").getInputStream()) {
			return new FormSchema(this.json.readTree(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Form " + id + " is not shipped", ex);
		}
	}

}
