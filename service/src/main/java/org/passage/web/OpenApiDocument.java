package org.passage.web;

import java.util.List;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
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

	/** The responses any call may get, and when. */
	private static final Map<String, String> PROBLEMS = new LinkedHashMap<>();

	static {
		PROBLEMS.put("400", "Invalid input: the problem names each field at fault and the values it allows");
		PROBLEMS.put("401", "No credentials, or wrong ones");
		PROBLEMS.put("403", "This account's role may not make this call");
		PROBLEMS.put("404", "Nothing at this address, or nothing this account may see");
		PROBLEMS.put("413", "The body is larger than 2 MiB");
		PROBLEMS.put("415", "The body is not of a media type this call reads");
		PROBLEMS.put("429", "Too many failed sign-ins from this address: wait the seconds in Retry-After");
		PROBLEMS.put("500", "Passage failed; the failure is logged under the response's X-Request-Id");
		PROBLEMS.put("503", "The database cannot be reached just now; nothing changed: retry after Retry-After");
	}

	/**
	 * Every error response documented as a problem (RFC 9457) with Passage's schema:
	 * those a controller names (409, 422, ...) and those every call may get, each where
	 * it applies (400 where there is input, 404 where the path names something, 413 and
	 * 415 where there is a body).
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return api -> {
			Map<String, Schema> schemas = api.getComponents().getSchemas();
			schemas.remove("ProblemDetail");
			schemas.put("Problem", problemSchema());
			schemas.putIfAbsent("FieldError",
					new ObjectSchema().addProperty("field", new StringSchema())
						.addProperty("message", new StringSchema())
						.addProperty("allowed", new ArraySchema().items(new StringSchema())));
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				ApiResponses responses = operation.getResponses();
				boolean input = operation.getRequestBody() != null
						|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
				PROBLEMS.forEach((status, description) -> {
					boolean applies = switch (status) {
						case "400" -> input;
						case "404" -> path.contains("{");
						case "413", "415" -> operation.getRequestBody() != null;
						default -> true;
					};
					if (applies && !responses.containsKey(status)) {
						responses.addApiResponse(status, new ApiResponse().description(description));
					}
				});
				responses.forEach((status, response) -> {
					if (status.startsWith("4") || status.startsWith("5")) {
						response.setContent(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
					}
				});
			}));
		};
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		return new ObjectSchema()
			.description("An error (RFC 9457). type is stable and Passage's own (urn:passage:problem:...); "
					+ "errors names each field at fault, when the input is.")
			.addProperty("type", new StringSchema().format("uri").example("urn:passage:problem:invalid-request"))
			.addProperty("title", new StringSchema().example("Invalid request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().example("requestedAmount is out of range."))
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")))
			.required(List.of("type", "title", "status"));
	}

}
