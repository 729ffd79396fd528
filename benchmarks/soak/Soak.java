import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver of benchmarks/soak/run (plain JDK, run as a single source file).
 *
 * <pre>
 * java Soak.java mix RATE SECONDS   a steady mix for SECONDS at RATE requests a second (open model: each
 *                                   request is timed from when it was due, so queueing counts)
 * java Soak.java cases COUNT WORKERS  COUNT victim-of-trafficking cases from registration to closure through
 *                                   the case and task API, WORKERS at a time
 * java Soak.java noop COUNT WORKERS   COUNT instances of the one-wait-state process, started and moved on
 *                                   through engine REST, WORKERS at a time (the engine's floor)
 * </pre>
 *
 * Environment: BASE (http://127.0.0.1:PORT), OFFICE, PASSWORD (of the soak-* users), ADMIN_PASSWORD, BODIES
 * (folder of gaf.jsonl, hasm.jsonl, reintegration.jsonl). Prints lines starting with RESULT or MINUTE.
 */
public class Soak {

	static final String BASE = System.getenv("BASE");

	static final String OFFICE = System.getenv().getOrDefault("OFFICE", "SOK");

	static final String PASSWORD = System.getenv("PASSWORD");

	static final HttpClient API = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(8))
		.build();

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "mix" -> mix(Double.parseDouble(args[1]), Integer.parseInt(args[2]));
			case "cases" -> throughput("cases", Integer.parseInt(args[1]), Integer.parseInt(args[2]), Soak::voTCase);
			case "noop" -> throughput("noop", Integer.parseInt(args[1]), Integer.parseInt(args[2]), Soak::noop);
			default -> throw new IllegalArgumentException(args[0]);
		}
		System.exit(0);
	}

	// ---- the steady mix ----

	/** One request of the mix, timed from when it was due. */
	record Sample(String kind, long dueNanos, long latencyNanos, boolean ok) {
	}

	static void mix(double rate, int seconds) throws Exception {
		Map<String, List<String>> bodies = new TreeMap<>();
		for (String programme : List.of("gaf", "hasm", "reintegration")) {
			bodies.put(programme, Files.readAllLines(Path.of(System.getenv("BODIES"), programme + ".jsonl"))
				.stream()
				.filter(line -> !line.isBlank())
				.toList());
		}
		HttpClient pages = signIn("soak-officer");
		ConcurrentLinkedQueue<String> opened = new ConcurrentLinkedQueue<>();
		List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
		ExecutorService workers = Executors.newFixedThreadPool(64);
		ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
		Random random = new Random(42);
		long start = System.nanoTime();
		long period = (long) (1_000_000_000L / rate);
		AtomicInteger sent = new AtomicInteger();
		List<long[]> resources = Collections.synchronizedList(new ArrayList<>());
		clock.scheduleAtFixedRate(() -> resources.add(resources()), 0, 10, TimeUnit.SECONDS);
		clock.scheduleAtFixedRate(() -> {
			long due = System.nanoTime();
			int pick = random.nextInt(100);
			sent.incrementAndGet();
			workers.submit(() -> {
				String kind;
				boolean ok;
				try {
					if (pick < 50) {
						String programme = List.of("gaf", "hasm", "reintegration").get(pick % 3);
						List<String> list = bodies.get(programme);
						kind = "decision";
						ok = send(API, "soak-client", "POST", "/api/v1/decisions/" + programme,
								list.get(Math.floorMod(pick * 31 + (int) due, list.size())),
								"Idempotency-Key", UUID.randomUUID().toString()).statusCode() == 201;
					}
					else if (pick < 65) {
						kind = "case start";
						HttpResponse<String> answer = send(API, "soak-officer", "POST", "/api/v1/cases", newCase());
						ok = answer.statusCode() == 201;
						if (ok) {
							opened.add(field(answer.body(), "reference"));
						}
					}
					else if (pick < 85) {
						kind = "inbox page";
						ok = send(pages, null, "GET", "/inbox", null).statusCode() == 200;
					}
					else {
						kind = "step completion";
						String reference = opened.poll();
						ok = reference == null || completeFromCaseFile("soak-officer", reference,
								"Activity_ScreenCase", SCREENING, Duration.ofSeconds(5));
					}
				}
				catch (Exception ex) {
					kind = "error";
					ok = false;
				}
				samples.add(new Sample(kind, due - start, System.nanoTime() - due, ok));
			});
		}, 0, period, TimeUnit.NANOSECONDS);
		Thread.sleep(seconds * 1000L);
		clock.shutdownNow();
		clock.awaitTermination(10, TimeUnit.SECONDS);
		workers.shutdown();
		workers.awaitTermination(60, TimeUnit.SECONDS);
		// Copies: a request still running after the minute of grace adds to the lists.
		List<Sample> answered;
		synchronized (samples) {
			answered = new ArrayList<>(samples);
		}
		List<long[]> sampled;
		synchronized (resources) {
			sampled = new ArrayList<>(resources);
		}
		System.out.printf("UNANSWERED %d%n", sent.get() - answered.size());
		report(answered, sampled, seconds);
	}

	static void report(List<Sample> samples, List<long[]> resources, int seconds) {
		Map<String, List<Sample>> byKind = new TreeMap<>();
		for (Sample sample : samples) {
			byKind.computeIfAbsent(sample.kind(), kind -> new ArrayList<>()).add(sample);
			byKind.computeIfAbsent("all", kind -> new ArrayList<>()).add(sample);
		}
		byKind.forEach((kind, list) -> System.out.printf("RESULT %s %d %.1f %.1f %.1f %d%n", kind.replace(' ', '_'),
				list.size(), list.size() / (double) seconds, percentile(list, 50), percentile(list, 99),
				list.stream().filter(sample -> !sample.ok()).count()));
		for (int minute = 0; minute * 60 < seconds; minute++) {
			long from = minute * 60_000_000_000L;
			long to = from + 60_000_000_000L;
			List<Sample> inMinute = samples.stream()
				.filter(sample -> sample.dueNanos() >= from && sample.dueNanos() < to)
				.toList();
			int m = minute;
			List<long[]> sampled = resources.stream().filter(r -> r[0] / 60 == m).toList();
			System.out.printf("MINUTE %d %d %.1f %.1f %d %d %d %d %d%n", minute + 1, inMinute.size(),
					percentile(inMinute, 50), percentile(inMinute, 99), inMinute.stream().filter(s -> !s.ok()).count(),
					sampled.stream().mapToLong(r -> r[1]).max().orElse(-1),
					sampled.stream().mapToLong(r -> r[2]).max().orElse(-1),
					sampled.stream().mapToLong(r -> r[3]).max().orElse(-1),
					sampled.stream().mapToLong(r -> r[4]).max().orElse(-1));
		}
	}

	static double percentile(List<Sample> samples, int p) {
		if (samples.isEmpty()) {
			return 0;
		}
		long[] sorted = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
	}

	static final long STARTED = System.nanoTime();

	/**
	 * Seconds since start, heap used (MB), live data after the last full collection (MB),
	 * active pool connections, PostgreSQL backends of the database.
	 */
	static long[] resources() {
		long at = (System.nanoTime() - STARTED) / 1_000_000_000L;
		try {
			String metrics = sendAs(API, "admin", System.getenv("ADMIN_PASSWORD"), "GET", "/actuator/prometheus", null)
				.body();
			return new long[] { at, (long) (sum(metrics, "jvm_memory_used_bytes\\{[^}]*area=\"heap\"") / 1e6),
					(long) (sum(metrics, "jvm_gc_live_data_size_bytes") / 1e6),
					(long) sum(metrics, "hikaricp_connections_active"), (long) sum(metrics, "hikaricp_connections\\{") };
		}
		catch (Exception ex) {
			return new long[] { at, -1, -1, -1, -1 };
		}
	}

	/**
	 * The sum of a Prometheus metric's samples whose line starts with {@code prefix} (a
	 * regex). Label values may hold spaces ({@code id="G1 Eden Space"}).
	 */
	static double sum(String metrics, String prefix) {
		Matcher line = Pattern.compile("(?m)^" + prefix + "[^}\\n]*}? ([0-9.E+-]+)$").matcher(metrics);
		double sum = 0;
		boolean any = false;
		while (line.find()) {
			sum += Double.parseDouble(line.group(1));
			any = true;
		}
		return any ? sum : -1;
	}

	// ---- cases from registration to closure, and the floor ----

	interface Work {

		void run() throws Exception;

	}

	static void throughput(String kind, int count, int workers, Work work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		AtomicInteger done = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			pool.submit(() -> {
				try {
					work.run();
					done.incrementAndGet();
				}
				catch (Exception | AssertionError ex) {
					failed.incrementAndGet();
					System.err.println(kind + " failed: " + ex);
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(1, TimeUnit.HOURS);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("RESULT %s %d %d %.1f %.2f%n", kind, done.get(), failed.get(), seconds, done.get() / seconds);
	}

	static final String SCREENING = """
			{"victimStatus": "IDENTIFIED", "crossBorder": true, "minor": false, "unaccompanied": false,
			 "guardianAppointed": false, "summary": "Screening interview held with an interpreter"}""";

	/** One VoT case as VotCaseIT takes it: G14 (800, supervisor), R5 (3,650, regional), three visits. */
	static void voTCase() throws Exception {
		HttpResponse<String> opened = send(API, "soak-officer", "POST", "/api/v1/cases", newCase());
		check(opened.statusCode() == 201, opened.body());
		String ref = field(opened.body(), "reference");
		Duration wait = Duration.ofSeconds(60);
		step("soak-officer", ref, "Activity_ScreenCase", SCREENING, wait);
		step("soak-officer", ref, "Activity_ProvideImmediateNeeds", """
				{"needsMet": ["FOOD_WATER", "SAFE_ACCOMMODATION"], "summary": "Placed in the shelter"}""", wait);
		step("soak-officer", ref, "Activity_RecordConsent", """
				{"consentGiven": true, "givenBy": "SELF", "scope": ["ASSISTANCE", "DATA_SHARING"]}""", wait);
		step("soak-officer", ref, "Activity_AssessRisk", """
				{"reTraffickingRisk": "LOW", "immediateDanger": false}""", wait);
		step("soak-officer", ref, "Activity_PlanAssistance", """
				{"requested": ["MEDICAL", "PSYCHOSOCIAL"], "requestedAmount": 800.00, "otherProgramme": "NONE"}""",
				wait);
		step("soak-supervisor", ref, "Activity_ApproveAssistance", """
				{"approved": true, "comment": "Within band 1"}""", wait);
		step("soak-officer", ref, "Activity_DeliverAssistance", """
				{"deliveredAmount": 750.00, "summary": "Medical and psychosocial care"}""", wait);
		step("soak-officer", ref, "Activity_ChooseDurableSolution", """
				{"solution": "RETURN", "summary": "Wishes to go home"}""", wait);
		step("soak-officer", ref, "Activity_TraceFamily", """
				{"familyTraced": true, "placeOfReturnSafe": true, "summary": "Mother found"}""", wait);
		step("soak-officer", ref, "Activity_PrepareReintegrationPlan", """
				{"pathway": "VOT_RETURN", "vulnerabilities": ["VICTIM_OF_TRAFFICKING"], "adults": 1, "children": 0,
				 "returnContext": "STABLE", "plan": "VOCATIONAL_TRAINING", "businessPlanAssessed": false,
				 "contributionPct": 0, "reTraffickingRisk": "LOW", "bannedFromDestination": false,
				 "priorPackage": false, "age": 28}""", wait);
		step("soak-regional", ref, "Activity_ApprovePackage", """
				{"approved": true}""", wait);
		step("soak-officer", ref, "Activity_DeliverPackage", """
				{"deliveredAmount": 3650.00, "summary": "Cash on arrival, training enrolled"}""", wait);
		for (int visit = 1; visit <= 3; visit++) {
			step("soak-officer", ref, "Activity_MonitoringVisit", """
					{"sustainable": true, "summary": "Visit"}""", wait);
		}
		long deadline = System.nanoTime() + wait.toNanos();
		while (!field(send(API, "soak-officer", "GET", "/api/v1/cases/" + ref, null).body(), "status").equals("CLOSED")) {
			check(System.nanoTime() < deadline, ref + " did not close");
			Thread.sleep(20);
		}
	}

	static void step(String user, String reference, String step, String form, Duration wait) throws Exception {
		check(complete(user, reference, step, form, wait), step + " of " + reference);
	}

	/** Finds the case's step in the user's inbox (waiting for it) and completes it. */
	static boolean complete(String user, String reference, String step, String form, Duration wait)
			throws Exception {
		return completeOnceListed(user, "/api/v1/tasks",
				Pattern.compile("\\{[^{}]*\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*\"step\"\\s*:\\s*\"" + step
						+ "\"[^{}]*\"caseReference\"\\s*:\\s*\"" + reference + "\""),
				form, wait);
	}

	/**
	 * Opens the case file, as an officer working through the office's cases does, and
	 * completes its step (waiting for it). The mix's cases pile up in one office, so a
	 * new case's first step soon falls off the first page of the inbox, which
	 * {@link #complete} reads: polling it would only ask again, fifty times a second.
	 */
	static boolean completeFromCaseFile(String user, String reference, String step, String form, Duration wait)
			throws Exception {
		return completeOnceListed(user, "/api/v1/cases/" + reference,
				Pattern.compile("\\{[^{}]*\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*\"step\"\\s*:\\s*\"" + step + "\""),
				form, wait);
	}

	/**
	 * Reads {@code page} every 20 ms until {@code task} finds a step on it (its first
	 * group the step's id), then completes that step with {@code form}; false if none
	 * appeared within {@code wait} or the completion was refused.
	 */
	static boolean completeOnceListed(String user, String page, Pattern task, String form, Duration wait)
			throws Exception {
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			Matcher found = task.matcher(send(API, user, "GET", page, null).body());
			if (found.find()) {
				return send(API, user, "POST", "/api/v1/tasks/" + found.group(1) + ":complete", form)
					.statusCode() == 204;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
	}

	/** The floor: start the one-wait-state process and correlate the message that ends it. */
	static void noop() throws Exception {
		String admin = System.getenv("ADMIN_PASSWORD");
		HttpResponse<String> started = sendAs(API, "admin", admin, "POST",
				"/engine-rest/process-definition/key/noop/start", "{}");
		check(started.statusCode() == 200, started.body());
		HttpResponse<String> moved = sendAs(API, "admin", admin, "POST", "/engine-rest/message", """
				{"messageName": "NoopGo", "processInstanceId": "%s"}""".formatted(field(started.body(), "id")));
		check(moved.statusCode() == 204, moved.body());
	}

	// ---- HTTP ----

	static String newCase() {
		return """
				{"type": "VOT", "office": "%s",
				 "person": {"givenName": "Soak", "familyName": "Person %s", "sex": "FEMALE", "birthYear": 1990,
				            "nationality": "NGA"}}""".formatted(OFFICE, UUID.randomUUID().toString().substring(0, 8));
	}

	static HttpResponse<String> send(HttpClient client, String user, String method, String path, String body,
			String... headers) throws Exception {
		return sendAs(client, user, PASSWORD, method, path, body, headers);
	}

	static HttpResponse<String> sendAs(HttpClient client, String user, String password, String method, String path,
			String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A client signed in through the pages' form, as a person is. */
	static HttpClient signIn(String user) throws Exception {
		HttpClient pages = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager())
			.build();
		String signInPage = send(pages, null, "GET", "/", null).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage);
		check(csrf.find(), "no CSRF token on the sign-in page");
		String form = "username=" + user + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
				+ "&_csrf=" + csrf.group(1);
		HttpRequest post = HttpRequest.newBuilder(URI.create(BASE + "/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		pages.send(post, HttpResponse.BodyHandlers.discarding());
		check(send(pages, null, "GET", "/inbox", null).statusCode() == 200, user + " could not sign in");
		return pages;
	}

	static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		check(value.find(), "no " + name + " in " + json);
		return value.group(1);
	}

	static void check(boolean condition, String what) {
		if (!condition) {
			throw new AssertionError(what);
		}
	}

}
