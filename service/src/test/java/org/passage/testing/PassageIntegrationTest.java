package org.passage.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole service on a fresh PostgreSQL database of its own, served on a random port. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.generate-unique-process-engine-name=true",
				"camunda.bpm.job-execution.enabled=false",
				// The engine's last metrics report at shutdown would wait for a test database already dropped.
				"camunda.bpm.metrics.db-reporter-activate=false" })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface PassageIntegrationTest {

}
