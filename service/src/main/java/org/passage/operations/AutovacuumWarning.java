package org.passage.operations;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the database server runs without autovacuum. The inbox's query
 * joins the engine's task tables, which grow fast on a new node: planned on statistics
 * taken when they were empty, its cost grows with the square of the open steps (2.7 s per
 * page at 1,200 open cases in the soak run, 36 ms once analysed). Readiness stays up: the
 * service still works, only slower as cases pile up.
 */
@Component
class AutovacuumWarning {

	private static final Logger log = LoggerFactory.getLogger(AutovacuumWarning.class);

	private final JdbcClient jdbc;

	AutovacuumWarning(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationReadyEvent.class)
	void check() {
		warning(this.jdbc.sql("select current_setting('autovacuum')").query(String.class).single())
			.ifPresent(log::warn);
	}

	/**
	 * What to tell the operator for the server's {@code autovacuum} setting, if anything.
	 */
	static Optional<String> warning(String autovacuum) {
		if (!"off".equalsIgnoreCase(autovacuum)) {
			return Optional.empty();
		}
		return Optional.of("PostgreSQL runs with autovacuum off: the planner's statistics go stale as cases "
				+ "pile up, and the inbox slows down with them. Turn it on (the default), or ANALYZE the "
				+ "database regularly; see docs/operations.md, \"Database\".");
	}

}
