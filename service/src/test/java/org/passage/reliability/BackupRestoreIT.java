package org.passage.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.passage.testing.PackagedService;
import org.passage.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup an operator takes (docs/operations.md): {@code pg_dump} of a running
 * service's database, {@code pg_restore} into a fresh one, the service started on the
 * copy. Every case file reads back exactly as before, and the engine carries on.
 */
class BackupRestoreIT {

	private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([A-Z]+-\\d{4}-\\d{6})\"");

	private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*");

	@Test
	void restoresIntoAFreshDatabaseOnWhichTheServiceStartsWithEveryCaseIntact() throws Exception {
		Path logs = Path.of("target", "packaged-service-logs");
		TestDatabase.Database original = TestDatabase.fresh();
		Map<String, String> before = new LinkedHashMap<>();
		try (PackagedService service = PackagedService.start(logs.resolve("backup-original.log"), settings(original))) {
			for (String type : List.of("VOT", "STRANDED_MIGRANT", "AVRR")) {
				HttpResponse<String> opened = service.send("officer", "POST", "/api/v1/cases",
						Bodies.newCase(type, "TUN"));
				assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
				Matcher reference = REFERENCE.matcher(opened.body());
				assertThat(reference.find()).isTrue();
				before.put(reference.group(1), null);
			}
			for (String reference : before.keySet()) {
				before.put(reference, service.send("officer", "GET", "/api/v1/cases/" + reference, null).body());
			}
			assertThat(service.stop(30)).isTrue();
		}

		Path dump = logs.resolve("backup.dump");
		run(List.of("pg_dump", "--format=custom", "--file=" + dump, "--no-owner"), original);
		TestDatabase.Database copy = TestDatabase.fresh();
		run(List.of("pg_restore", "--no-owner", "--exit-on-error", dump.toString()), copy);

		try (PackagedService restored = PackagedService.start(logs.resolve("backup-restored.log"), settings(copy))) {
			for (Map.Entry<String, String> file : before.entrySet()) {
				HttpResponse<String> read = restored.send("officer", "GET", "/api/v1/cases/" + file.getKey(), null);
				assertThat(read.statusCode()).isEqualTo(200);
				assertThat(read.body()).as(file.getKey()).isEqualTo(file.getValue());
			}
			// The engine carries on from the copy: a new case starts its process.
			assertThat(restored.send("officer", "POST", "/api/v1/cases", """
					{"type": "VOT", "office": "TUN",
					 "person": {"givenName": "Omar", "familyName": "B.", "sex": "MALE", "birthYear": 1990,
					            "nationality": "MAR"}}""").statusCode()).isEqualTo(201);
		}
	}

	private static String[] settings(TestDatabase.Database database) {
		return new String[] { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				// The demo staff (officer works for TUN) on a database of the test's own.
				"--spring.profiles.active=quickstart", "--passage.demo.users=officer" };
	}

	/**
	 * Runs a PostgreSQL client tool against {@code database}; fails the test if it fails.
	 */
	private static void run(List<String> tool, TestDatabase.Database database) throws Exception {
		Matcher server = SERVER.matcher(database.url());
		assertThat(server.matches()).as(database.url()).isTrue();
		List<String> command = new ArrayList<>(tool);
		command.addAll(List.of("--host=" + server.group(1), "--port=" + server.group(2),
				"--username=" + database.user(), "--dbname=" + server.group(3)));
		Path output = Files.createTempFile("pg-tool", ".log");
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().put("PGPASSWORD", database.password());
			process = builder.start();
		}
		catch (java.io.IOException ex) {
			throw new AssertionError(tool.get(0) + " is needed for this test (Debian: postgresql-client)", ex);
		}
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(output)).isZero();
	}

}
