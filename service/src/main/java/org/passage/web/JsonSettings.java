package org.passage.web;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON as money and strict input need it, for every API:
 * <ul>
 * <li>decimals kept exactly as sent, 2500.00 never becoming 2.5E+3;</li>
 * <li>no guessing at what a caller meant: "500" is not a number, 1 is not a boolean, 5 is
 * not a text, 2.5 is not a whole number, 0 is not an enum value;</li>
 * <li>a key given twice in one object, or a value given twice in a set, is an error (the
 * last one would otherwise win, or the repeat vanish, without a word);</li>
 * <li>nothing may follow the body's JSON value.</li>
 * </ul>
 * Passage's stored JSON is read with the same rules: it wrote it itself.
 */
@Configuration(proxyBeanMethods = false)
class JsonSettings {

	@Bean
	Jackson2ObjectMapperBuilderCustomizer strictJson() {
		return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
				DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
				DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.modulesToInstall(new UniqueSets())
			.postConfigurer(mapper -> {
				mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
				mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
				mapper.coercionConfigFor(LogicalType.Boolean)
					.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
				for (CoercionInputShape scalar : new CoercionInputShape[] { CoercionInputShape.Integer,
						CoercionInputShape.Float, CoercionInputShape.Boolean }) {
					mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
				}
			});
	}

	/** A value given twice in a JSON array read as a set. */
	public static final class RepeatedValueException extends MismatchedInputException {

		private final String value;

		RepeatedValueException(JsonParser parser, String value) {
			super(parser, "holds " + value + " more than once");
			this.value = value;
		}

		public String value() {
			return this.value;
		}

	}

	/** Sets refuse a repeated value instead of dropping it. */
	static final class UniqueSets extends SimpleModule {

		UniqueSets() {
			super("passage-unique-sets");
			setDeserializerModifier(new BeanDeserializerModifier() {
				@Override
				public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config,
						CollectionType type, BeanDescription description, JsonDeserializer<?> deserializer) {
					return Set.class.isAssignableFrom(type.getRawClass()) ? new NoRepeats(deserializer) : deserializer;
				}
			});
		}

	}

	static final class NoRepeats extends DelegatingDeserializer {

		NoRepeats(JsonDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
			return new NoRepeats(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
			JsonNode values = context.readTree(parser);
			if (values.isArray()) {
				Collection<JsonNode> seen = new HashSet<>();
				for (JsonNode value : values) {
					if (!seen.add(value)) {
						throw new RepeatedValueException(parser, value.toString());
					}
				}
			}
			JsonParser again = values.traverse(parser.getCodec());
			again.nextToken();
			return super.deserialize(again, context);
		}

	}

}
