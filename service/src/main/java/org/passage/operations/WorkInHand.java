package org.passage.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.passage.cases.CaseStatistics;
import org.passage.cases.CaseStatus;
import org.passage.cases.CaseType;
import org.passage.cases.SmallCounts;
import org.passage.funds.Fund;
import org.passage.funds.Funds;
import org.passage.security.ServiceItself;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gauges of the work in hand, for Prometheus: {@code passage_cases{type,status}} (NaN, no
 * value, when below the smallest count shown: {@link SmallCounts}),
 * {@code passage_jobs_backlog} (jobs due and not yet run), {@code passage_jobs_failed}
 * (jobs out of retries), {@code passage_incidents}, and per fund
 * {@code passage_fund_balance}, {@code _budget}, {@code _reserved} and
 * {@code _committed}. Counting takes queries, so one snapshot serves every gauge of a
 * scrape and is kept for {@code passage.operations.gauge-refresh} (10 s by default).
 */
@Component
class WorkInHand implements MeterBinder {

	private record Snapshot(Instant taken, Map<String, Long> cases, long backlog, long failed, long incidents,
			Map<String, Fund> funds) {

		long cases(CaseType type, CaseStatus status) {
			return this.cases.getOrDefault(type + "/" + status, 0L);
		}

	}

	private final CaseStatistics statistics;

	private final SmallCounts smallCounts;

	private final Funds funds;

	private final ManagementService management;

	private final RuntimeService runtime;

	private final Duration refresh;

	private final Clock clock;

	private final Set<String> fundsWithGauges = ConcurrentHashMap.newKeySet();

	private volatile Snapshot snapshot;

	private volatile MeterRegistry registry;

	WorkInHand(CaseStatistics statistics, SmallCounts smallCounts, Funds funds, ManagementService management,
			RuntimeService runtime, @Value("${passage.operations.gauge-refresh:PT10S}") Duration refresh, Clock clock) {
		this.statistics = statistics;
		this.smallCounts = smallCounts;
		this.funds = funds;
		this.management = management;
		this.runtime = runtime;
		this.refresh = refresh;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		for (CaseType type : CaseType.values()) {
			for (CaseStatus status : CaseStatus.values()) {
				Gauge
					.builder("passage.cases", this,
							work -> work.smallCounts.asMetric(work.snapshot().cases(type, status)))
					.description("Cases of a type in a status; NaN (not shown) below passage.statistics.minimum-count")
					.tag("type", type.name())
					.tag("status", status.name())
					.register(registry);
			}
		}
		Gauge.builder("passage.jobs.backlog", this, work -> work.snapshot().backlog())
			.description("Engine jobs due and not yet run")
			.register(registry);
		Gauge.builder("passage.jobs.failed", this, work -> work.snapshot().failed())
			.description("Engine jobs that failed and have no retries left")
			.register(registry);
		Gauge.builder("passage.incidents", this, work -> work.snapshot().incidents())
			.description("Open engine incidents")
			.register(registry);
	}

	private synchronized Snapshot snapshot() {
		Instant now = this.clock.instant();
		Snapshot current = this.snapshot;
		if (current != null && current.taken().plus(this.refresh).isAfter(now)) {
			return current;
		}
		Map<String, Long> cases = new HashMap<>();
		// Counts without personal data, taken by the service for whoever asks for its
		// metrics.
		for (CaseStatistics.Count count : ServiceItself.as("metrics", this.statistics::byTypeAndStatus)) {
			cases.put(count.type() + "/" + count.status(), count.cases());
		}
		Map<String, Fund> funds = new HashMap<>();
		List<Fund> all = ServiceItself.as("metrics", this.funds::all);
		all.forEach(fund -> funds.put(fund.id(), fund));
		current = new Snapshot(now, cases, this.management.createJobQuery().executable().count(),
				this.management.createJobQuery().noRetriesLeft().count(), this.runtime.createIncidentQuery().count(),
				funds);
		this.snapshot = current;
		all.forEach(this::registerFund);
		return current;
	}

	/** Funds are opened while the service runs: each gets its gauges when first seen. */
	private void registerFund(Fund fund) {
		MeterRegistry meters = this.registry;
		if (meters == null || !this.fundsWithGauges.add(fund.id())) {
			return;
		}
		String id = fund.id();
		fundGauge(meters, "passage.fund.balance", id, "Budget less reserved and committed", Fund::balance);
		fundGauge(meters, "passage.fund.budget", id, "Budget", Fund::budget);
		fundGauge(meters, "passage.fund.reserved", id, "Reserved for approved decisions", Fund::reserved);
		fundGauge(meters, "passage.fund.committed", id, "Spent on delivered assistance", Fund::committed);
	}

	private void fundGauge(MeterRegistry meters, String name, String id, String description,
			java.util.function.Function<Fund, java.math.BigDecimal> amount) {
		Gauge.builder(name, this, work -> {
			Fund fund = work.snapshot().funds().get(id);
			return fund == null ? Double.NaN : amount.apply(fund).doubleValue();
		}).description(description).tag("fund", id).register(meters);
	}

}
