package org.passage.system;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.passage.testing.PackagedService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start as a user runs it: the packaged jar with its embedded PostgreSQL,
 * stopped with SIGTERM (what Ctrl-C and a container runtime send). The database stops
 * last, after the engine and the pool, so nothing waits for a connection that cannot come
 * and nothing is logged as an error.
 */
class QuickStartShutdownIT {

	@TempDir
	Path work;

	@Test
	void stopsWithinSecondsTheDatabaseLastAndWithoutAnError() throws Exception {
		List<String> lines;
		try (PackagedService service = PackagedService.start(this.work.resolve("passage.log"),
				"--passage.embedded-db.data-dir=" + this.work.resolve("pg"))) {
			assertThat(service.stop(20)).as("stopped within 20 s of SIGTERM").isTrue();
			lines = service.logLines();
		}
		int poolClosed = indexOf(lines, "HikariPool-1 - Shutdown completed");
		int databaseStopped = indexOf(lines, "Quick start: embedded PostgreSQL stopped");
		assertThat(poolClosed).as("the pool closed").isNotNegative();
		assertThat(databaseStopped).as("the database stopped, after the pool").isGreaterThan(poolClosed);
		assertThat(lines).as("the log of a clean stop")
			.noneMatch(line -> line.contains(" ERROR ") || line.contains("Exception"));
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

}
