package org.passage.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a fresh PostgreSQL database of its own, served on a random port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.generate-unique-process-engine-name=true",
				"camunda.bpm.job-execution.enabled=false",
				// At JVM exit the test databases are dropped while contexts close: the
				// engine's last
				// commands must fail fast instead of waiting 30 s for a connection to a
				// dropped database.
				"camunda.bpm.metrics.db-reporter-activate=false", "spring.datasource.hikari.connection-timeout=2000",
				// Retention runs when a test says (RetentionIT), not at 03:15 in the
				// middle of one.
				"passage.retention.schedule=-" })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface PassageIntegrationTest {

}
