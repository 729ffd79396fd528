package org.passage.web;

import java.util.List;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The header of the OpenAPI document; springdoc derives the rest from the controllers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

	static {
		// Each enum (Component, Consent, ...) is one named schema, reused wherever it
		// appears.
		ModelResolver.enumsAsRef = true;
	}

	@Bean
	OpenAPI passageApi() {
		return new OpenAPI()
			.info(new Info().title("Passage API")
				.version("v1")
				.description("Eligibility and assistance decisions for migrant protection casework: GAF, HASM and "
						+ "reintegration packages, recorded and explained. Errors are application/problem+json "
						+ "(RFC 9457). Recording calls accept an Idempotency-Key header.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			// A relative server, so the document is the same on every host and port.
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("A system account in the DECISION_API group; its password is its API key.")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
