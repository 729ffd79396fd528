package org.passage.security.internal;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.passage.security.internal.SignInThrottle.Limit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's arithmetic on a clock the test moves: 3 failures per account and source
 * in 3 minutes, 6 per source in 6 minutes, 4 per account in an hour.
 */
class SignInThrottleTest {

	private final Clock clock = new Clock();

	private final SignInThrottle throttle = new SignInThrottle(new Limit(3, Duration.ofMinutes(3)),
			new Limit(6, Duration.ofMinutes(6)), new Limit(4, Duration.ofHours(1)), this.clock);

	@Test
	void aSourceMayTryAnAccountUntilItsFailuresAreSpentThenWaitsForOneToComeBack() {
		fail("amina", "10.0.0.1", 3);
		assertThat(this.throttle.wait("amina", "10.0.0.1")).contains(Duration.ofSeconds(60));
		this.clock.pass(Duration.ofSeconds(59));
		assertThat(this.throttle.wait("amina", "10.0.0.1")).contains(Duration.ofSeconds(1));
		this.clock.pass(Duration.ofSeconds(1));
		assertThat(this.throttle.wait("amina", "10.0.0.1")).isEmpty();
	}

	@Test
	void anotherSourceMayStillTryTheAccountAnAttackerSpentItsFailuresOn() {
		fail("amina", "10.0.0.1", 3);
		assertThat(this.throttle.wait("amina", "10.0.0.2")).isEmpty();
	}

	@Test
	void aSuccessForgetsThatSourcesFailuresOnTheAccount() {
		fail("amina", "10.0.0.1", 2);
		this.throttle.succeeded("amina", "10.0.0.1");
		fail("amina", "10.0.0.1", 1);
		assertThat(this.throttle.wait("amina", "10.0.0.1")).isEmpty();
	}

	@Test
	void aSourceFailingOnManyAccountsWaitsOnEveryAccount() {
		for (int account = 0; account < 6; account++) {
			fail("nobody-" + account, "10.0.0.9", 1);
		}
		assertThat(this.throttle.wait("amina", "10.0.0.9")).contains(Duration.ofSeconds(60));
		assertThat(this.throttle.wait("amina", "10.0.0.1")).isEmpty();
	}

	@Test
	void anAccountUnderAttackFromEverywhereStillLetsInASourceThatHasNotFailedOnIt() {
		for (int source = 1; source <= 4; source++) {
			fail("amina", "10.0.1." + source, 1);
		}
		assertThat(this.throttle.wait("amina", "10.0.1.1")).as("a source that failed waits").isPresent();
		assertThat(this.throttle.wait("amina", "10.0.1.99")).as("the real user's source").isEmpty();
		this.clock.pass(Duration.ofMinutes(15));
		assertThat(this.throttle.wait("amina", "10.0.1.1")).as("never locked for good").isEmpty();
	}

	@Test
	void anAccountIsTheSameWhateverCaseItIsTypedIn() {
		fail("Amina", "10.0.0.1", 3);
		assertThat(this.throttle.wait("amina", "10.0.0.1")).isPresent();
	}

	private void fail(String user, String source, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(user, source);
		}
	}

	/** A clock that moves only when the test says. */
	static final class Clock implements TimeMeter {

		private long nanos;

		void pass(Duration duration) {
			this.nanos += duration.toNanos();
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
