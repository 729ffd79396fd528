package org.passage.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON as money needs it: decimals kept exactly as sent, 2500.00 never becoming 2.5E+3.
 */
@Configuration(proxyBeanMethods = false)
class JsonSettings {

	@Bean
	Jackson2ObjectMapperBuilderCustomizer exactDecimals() {
		return builder -> builder
			.postConfigurer(mapper -> mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)));
	}

}
