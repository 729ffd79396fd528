package org.passage.cases.internal;

import java.time.Period;

import org.passage.cases.CaseService;
import org.passage.cases.Erased;
import org.passage.security.ServiceItself;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Retention, every night ({@code passage.retention.schedule}, a cron in UTC; "-" turns it
 * off): the data of people whose cases all closed longer ago than
 * {@code passage.retention.closed-cases-kept-for} is erased. Every node runs it; each
 * person is locked while erased, so two nodes never erase the same one.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionSchedule {

	private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

	private final CaseService cases;

	private final Period keptFor;

	RetentionSchedule(CaseService cases, @Value("${passage.retention.closed-cases-kept-for:P2Y}") Period keptFor) {
		this.cases = cases;
		this.keptFor = keptFor;
	}

	@Scheduled(cron = "${passage.retention.schedule:0 15 3 * * *}", zone = "UTC")
	void nightly() {
		Erased erased = ServiceItself.as("retention", () -> this.cases.applyRetention(this.keptFor, "retention"));
		log.info("Retention: erased the data of {} people ({} cases closed more than {} ago)", erased.people(),
				erased.cases(), this.keptFor);
	}

}
