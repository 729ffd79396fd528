package org.passage.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything starts. {@code PASSAGE_DB_URL}, {@code _USER} and
 * {@code _PASSWORD} are shorthands for {@code spring.datasource.*}. With no datasource
 * URL at all, the {@value #PROFILE} profile turns on with the settings of
 * {@code quickstart.yaml}: an embedded PostgreSQL and demo users, so a newcomer needs no
 * install.
 */
public class QuickStartMode implements EnvironmentPostProcessor {

	/** The profile of the zero-install mode. */
	public static final String PROFILE = "quickstart";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> database = new HashMap<>();
		copy(environment, "PASSAGE_DB_URL", "spring.datasource.url", database);
		copy(environment, "PASSAGE_DB_USER", "spring.datasource.username", database);
		copy(environment, "PASSAGE_DB_PASSWORD", "spring.datasource.password", database);
		if (!database.isEmpty()) {
			// After explicit spring.datasource.* settings, which win.
			environment.getPropertySources().addLast(new MapPropertySource("passage-database", database));
		}
		if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			environment.addActiveProfile(PROFILE);
			// Lowest precedence: any setting of the user's still wins over the quick
			// start's defaults.
			try {
				new YamlPropertySourceLoader().load("passage-quickstart", new ClassPathResource("quickstart.yaml"))
					.forEach(environment.getPropertySources()::addLast);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static void copy(ConfigurableEnvironment environment, String from, String to, Map<String, Object> into) {
		String value = environment.getProperty(from);
		if (StringUtils.hasText(value)) {
			into.put(to, value);
		}
	}

}
