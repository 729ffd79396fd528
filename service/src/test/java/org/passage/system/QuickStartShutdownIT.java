package org.passage.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		Path log = this.work.resolve("passage.log");
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-jar", packagedJar().toString(),
				"--passage.embedded-db.data-dir=" + this.work.resolve("pg"), "--server.port=" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().keySet().removeIf(name -> name.startsWith("PASSAGE_") || name.startsWith("SPRING_"));
		Process service = builder.start();
		try {
			waitUntilReady(port, log, 180);
			service.destroy();
			assertThat(service.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
		}
		finally {
			service.destroyForcibly();
		}
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		int poolClosed = indexOf(lines, "HikariPool-1 - Shutdown completed");
		int databaseStopped = indexOf(lines, "Quick start: embedded PostgreSQL stopped");
		assertThat(poolClosed).as("the pool closed").isNotNegative();
		assertThat(databaseStopped).as("the database stopped, after the pool").isGreaterThan(poolClosed);
		assertThat(lines).as("the log of a clean stop")
			.noneMatch(line -> line.contains(" ERROR ") || line.contains("Exception"));
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("passage-service-.*\\.jar"))
				.findFirst()
				.orElseThrow(
						() -> new AssertionError("No packaged jar in target/: run mvn verify, which packages first"));
		}
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	/** Ready once the start-up runners (demo users, demo cases) are done too. */
	private static void waitUntilReady(int port, Path log, int seconds) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// The port opens late in the start.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The service was not ready within " + seconds + " s:\n" + Files.readString(log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
