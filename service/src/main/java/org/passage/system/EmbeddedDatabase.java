package org.passage.system;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The quick start's database: a real PostgreSQL, started from binaries on the class path,
 * keeping its data under {@code passage.embedded-db.data-dir} between restarts. One SQL
 * dialect everywhere, so nothing here differs from production but the server's location.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoDatabaseConfigured.class)
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	@Bean(destroyMethod = "stop")
	LastToStop embeddedPostgres(@Value("${passage.embedded-db.data-dir:./data/postgres}") Path dataDir,
			@Value("${passage.embedded-db.port:0}") int port) throws IOException {
		Files.createDirectories(dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.toAbsolutePath())
			.setCleanDataDirectory(false)
			// The library's default trades durability for speed; the quick start keeps
			// what
			// it acknowledged, as production does.
			.setServerConfig("synchronous_commit", "on");
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Quick start: embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
				dataDir.toAbsolutePath());
		return new LastToStop(postgres, dataDir.toAbsolutePath());
	}

	@Bean
	DataSource dataSource(LastToStop postgres) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(postgres.server().getJdbcUrl("postgres", "postgres"));
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(10);
		return pool;
	}

	/**
	 * The server, stopped after everything that uses it. The library stops it from a JVM
	 * shutdown hook of its own, which runs alongside Spring's: on Ctrl-C the database
	 * went first and the engine's last writes then waited 30 s each for a connection. So
	 * that hook is disarmed, and the server stops when this bean is destroyed: after the
	 * pool, which depends on it, and so after the engine, which depends on the pool.
	 */
	static final class LastToStop {

		private final EmbeddedPostgres server;

		private final Path dataDir;

		private final boolean ownStop;

		LastToStop(EmbeddedPostgres server, Path dataDir) {
			this.server = server;
			this.dataDir = dataDir;
			this.ownStop = disarmLibraryHook(server);
		}

		EmbeddedPostgres server() {
			return this.server;
		}

		/**
		 * Asks the postmaster for a smart shutdown (SIGTERM): it ends once its sessions
		 * have, and the pool closed them all before this runs.
		 */
		void stop() throws IOException {
			if (!this.ownStop) {
				this.server.close();
				return;
			}
			long pid = Long.parseLong(Files.readAllLines(this.dataDir.resolve("postmaster.pid")).get(0).strip());
			Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
			postmaster.ifPresent(ProcessHandle::destroy);
			try {
				if (postmaster.isPresent()) {
					postmaster.get().onExit().get(30, TimeUnit.SECONDS);
				}
				log.info("Quick start: embedded PostgreSQL stopped");
			}
			catch (ExecutionException | TimeoutException ex) {
				log.warn("Quick start: embedded PostgreSQL (pid {}) still running 30 s after it was asked to stop",
						pid);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * Marks the library's instance closed, so its hook does nothing. Reflection on a
		 * pinned library version; should the field change, the library's own stop is kept
		 * (and {@code QuickStartShutdownIT} fails).
		 */
		private static boolean disarmLibraryHook(EmbeddedPostgres server) {
			try {
				Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
				closed.setAccessible(true);
				((AtomicBoolean) closed.get(server)).set(true);
				return true;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				log.warn("Quick start: cannot order the embedded PostgreSQL's stop ({}); it may stop before the engine",
						ex.toString());
				return false;
			}
		}

	}

	/** True when nothing, not even a test, has named a database server. */
	static class NoDatabaseConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
