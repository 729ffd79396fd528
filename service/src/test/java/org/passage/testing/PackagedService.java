package org.passage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The packaged service run as its own process, as an operator runs it: for the tests that
 * stop it, kill it or start it twice. Needs {@code target/passage-service-*.jar}, which
 * {@code mvn verify} packages before the integration tests.
 */
public final class PackagedService implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The keys of every packaged run (made by the first). */
	public static final String KEYS = "target/packaged-service-keys";

	private final Process process;

	private final Path log;

	private final int port;

	private PackagedService(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts the jar with {@code arguments} (Spring properties as {@code --name=value})
	 * on a free port, writing its output to {@code log}, and waits until it is ready.
	 */
	public static PackagedService start(Path log, String... arguments) throws Exception {
		Files.createDirectories(log.getParent());
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar",
						packagedJar().toString(), "--server.port=" + port));
		if (Stream.of(arguments).noneMatch(argument -> argument.startsWith("--passage.encryption."))) {
			// One set of keys for every packaged run, so a restart or a second node reads
			// what another run sealed.
			command.addAll(List.of("--passage.encryption.key-directory=" + KEYS,
					"--passage.encryption.generate-missing=true"));
		}
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// Only what the test says: no database named by the developer's environment.
		builder.environment().keySet().removeIf(name -> name.startsWith("PASSAGE_") || name.startsWith("SPRING_"));
		PackagedService service = new PackagedService(builder.start(), log, port);
		try {
			service.waitUntilReady(300);
		}
		catch (Exception | AssertionError ex) {
			service.kill();
			throw ex;
		}
		return service;
	}

	/**
	 * Sends a request as {@code user} (demo accounts: the password is the user name),
	 * JSON body or none, with extra header name/value pairs.
	 */
	public HttpResponse<String> send(String user, String method, String path, String body, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", basic(user))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A multipart POST of one file part named {@code file} and text parts, as a browser
	 * form sends an upload.
	 */
	public HttpResponse<String> upload(String user, String path, String fileName, byte[] file,
			Map<String, String> fields) throws IOException, InterruptedException {
		String boundary = "passage-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
					+ "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", basic(user))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The demo accounts' password is their name. */
	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
	}

	/** The status of an unauthenticated GET, or -1 when nothing answers. */
	public int status(String path) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * True once {@code condition} holds, checked every half second for {@code seconds}.
	 */
	public static boolean eventually(int seconds, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(500);
		}
		return false;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/** SIGTERM, then waits up to {@code seconds}; true when the process ended in time. */
	public boolean stop(int seconds) throws InterruptedException {
		this.process.destroy();
		return this.process.waitFor(seconds, TimeUnit.SECONDS);
	}

	/** SIGKILL: no shutdown hook, no last commit, as a crash or an OOM killer does. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	public List<String> logLines() throws IOException {
		return Files.readAllLines(this.log, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	/** Ready once the start-up runners (demo users, demo cases) are done too. */
	private void waitUntilReady(int seconds) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline && this.process.isAlive()) {
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
		throw new AssertionError("The service was not ready within " + seconds + " s:\n"
				+ String.join("\n", logLines().subList(Math.max(0, logLines().size() - 80), logLines().size())));
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("passage-service-.*\\.jar"))
				.findFirst()
				.orElseThrow(
						() -> new AssertionError("No packaged jar in target/: run mvn verify, which packages first"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
