package org.passage.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A step's form checks what is submitted against the form's own rules, and Passage's. */
class FormSchemaTest {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
		.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/** The delivery step's form: an amount with no maximum of its own, and a text. */
	private static final FormSchema DELIVERY = new FormSchema(
			json("""
					{"id": "delivery", "components": [
					  {"type": "number", "key": "deliveredAmount", "decimalDigits": 2, "validate": {"required": true, "min": 0}},
					  {"type": "textarea", "key": "summary", "validate": {"maxLength": 2000}}]}"""));

	@Test
	void anAmountAboveTenMillionIsRefusedEvenWhenTheFormSetsNoMaximum() {
		for (String amount : new String[] { "10000000.01", "1e308", "1e10000",
				"12345678901234567890123456789012345678901" }) {
			assertThat(DELIVERY.check(json("{\"deliveredAmount\": " + amount + "}")).problems()).as(amount)
				.containsExactly(new FieldProblem("deliveredAmount", "max", java.util.List.of("10000000.00"),
						java.util.List.of()));
		}
		assertThat(DELIVERY.check(json("{\"deliveredAmount\": 10000000.00}")).problems()).isEmpty();
	}

	private static JsonNode json(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(text, ex);
		}
	}

}
