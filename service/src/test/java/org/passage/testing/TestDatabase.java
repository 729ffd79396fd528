package org.passage.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Gives each Spring test context a fresh database on a real PostgreSQL server, chosen
 * once per JVM: the JDBC URL in {@code PASSAGE_TEST_DB_URL} (CI and developers with a
 * local server), else a Testcontainers container when a Docker engine answers, else an
 * embedded PostgreSQL. A database test never skips.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

	/** The server all contexts of this JVM share. */
	private record Server(String adminUrl, String user, String password) {

		String urlOf(String database) {
			int slash = this.adminUrl.indexOf('/', "jdbc:postgresql://".length());
			int query = this.adminUrl.indexOf('?', slash);
			return this.adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : this.adminUrl.substring(query));
		}

	}

	private static Server server;

	/**
	 * The databases this JVM created, dropped when it exits so a developer's server does
	 * not fill up.
	 */
	private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** A database of one's own on the tests' server, dropped when the JVM exits. */
	public record Database(String url, String user, String password) {
	}

	/**
	 * The keys that seal the tests' personal data: made on first use, shared by the tests
	 * of every JVM (never the quick start's own ./data/keys).
	 */
	public static final String KEYS = "target/test-keys";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Database database = fresh();
		Map<String, Object> settings = new java.util.HashMap<>(Map.of("spring.datasource.url", database.url(),
				"spring.datasource.username", database.user(), "spring.datasource.password", database.password()));
		String keys = context.getEnvironment().getProperty("passage.encryption.key-directory", "");
		if (keys.isBlank() || keys.equals("./data/keys")) { // unless a test chose keys of
															// its own
			settings.put("passage.encryption.key-directory", KEYS);
			settings.put("passage.encryption.generate-missing", "true");
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("passage-test-database", settings));
	}

	/** Creates an empty database on the tests' server. */
	public static Database fresh() {
		Server shared = server();
		String database = "passage_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection admin = DriverManager.getConnection(shared.adminUrl(), shared.user(), shared.password());
				Statement statement = admin.createStatement()) {
			statement.execute("create database " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database on " + shared.adminUrl(), ex);
		}
		CREATED.add(database);
		return new Database(shared.urlOf(database), shared.user(), shared.password());
	}

	private static synchronized Server server() {
		if (server == null) {
			server = start();
			Server created = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(created)));
		}
		return server;
	}

	private static void dropAll(Server shared) {
		try (Connection admin = DriverManager.getConnection(shared.adminUrl(), shared.user(), shared.password());
				Statement statement = admin.createStatement()) {
			for (String database : CREATED) {
				statement.execute("drop database if exists " + database + " with (force)");
			}
		}
		catch (SQLException ex) {
			log.warn("Could not drop the test databases {}: {}", CREATED, ex.getMessage());
		}
	}

	private static Server start() {
		String url = System.getenv("PASSAGE_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			log.info("Test databases on the server named by PASSAGE_TEST_DB_URL: {}", url);
			return new Server(url, env("PASSAGE_TEST_DB_USER", "postgres"), env("PASSAGE_TEST_DB_PASSWORD", ""));
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
			container.start();
			log.info("Test databases in a Testcontainers PostgreSQL: {}", container.getJdbcUrl());
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (Exception ex) {
					// the JVM is going away anyway
				}
			}));
			log.info("No PASSAGE_TEST_DB_URL and no Docker: test databases in an embedded PostgreSQL on port {}",
					postgres.getPort());
			return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests: set PASSAGE_TEST_DB_URL", ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null ? fallback : value;
	}

}
