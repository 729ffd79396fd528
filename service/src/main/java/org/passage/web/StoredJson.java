package org.passage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * JSON that Passage wrote itself and keeps in its tables (decisions, stored responses,
 * case facts): writing cannot fail for its own types, and stored JSON that no longer
 * reads is a bug, not bad input, so both fail as {@link IllegalStateException}.
 */
@Component
public class StoredJson {

	private final ObjectMapper json;

	StoredJson(ObjectMapper json) {
		this.json = json;
	}

	public String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	public <T> T read(String text, Class<T> type) {
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored JSON no longer reads as " + type.getSimpleName(), ex);
		}
	}

	public <T> T read(String text, TypeReference<T> type) {
		try {
			return this.json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored JSON no longer reads as " + type.getType(), ex);
		}
	}

}
