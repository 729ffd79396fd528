package org.passage.security.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account. Token buckets
 * (Bucket4j) count failed sign-ins, each refilling gradually over its window:
 * <ul>
 * <li><b>one account from one source address</b>: after {@code accountAndSource} failures
 * in five minutes the source must wait before trying that account again;</li>
 * <li><b>one source on any account</b>: after {@code source} failures in ten minutes the
 * source must wait before trying any account (password spraying);</li>
 * <li><b>one account from every source</b>: after {@code account} failures in an hour,
 * the sources that already failed on it must wait; a source that has not (the real
 * user's, as a rule) may still try.</li>
 * </ul>
 * A throttled attempt is refused before its password is checked, so it teaches an
 * attacker nothing. Nothing is locked for good, and a success forgets that source's
 * failures on the account. Only failures cost: a user who signs in right is never slowed.
 * The buckets live in this node's memory (bounded; a bucket not used for its window is
 * dropped), so with n nodes an attacker gets at most n times the budget.
 */
@Component
class SignInThrottle {

	private static final int MAX_TRACKED = 100_000;

	private final Limit accountAndSource;

	private final Limit source;

	private final Limit account;

	private final TimeMeter clock;

	private final Cache<String, Bucket> pairs;

	private final Cache<String, Bucket> sources;

	private final Cache<String, Bucket> accounts;

	/** At most {@code failures} in {@code window}, given back one by one over it. */
	record Limit(int failures, Duration window) {
	}

	@Autowired
	SignInThrottle(@Value("${passage.security.sign-in-throttle.account-and-source:5}") int accountAndSource,
			@Value("${passage.security.sign-in-throttle.source:30}") int source,
			@Value("${passage.security.sign-in-throttle.account:50}") int account) {
		this(new Limit(accountAndSource, Duration.ofMinutes(5)), new Limit(source, Duration.ofMinutes(10)),
				new Limit(account, Duration.ofHours(1)), TimeMeter.SYSTEM_MILLISECONDS);
	}

	SignInThrottle(Limit accountAndSource, Limit source, Limit account, TimeMeter clock) {
		this.accountAndSource = accountAndSource;
		this.source = source;
		this.account = account;
		this.clock = clock;
		this.pairs = cache(accountAndSource);
		this.sources = cache(source);
		this.accounts = cache(account);
	}

	private static Cache<String, Bucket> cache(Limit limit) {
		return Caffeine.newBuilder().expireAfterAccess(limit.window()).maximumSize(MAX_TRACKED).build();
	}

	/**
	 * How long {@code source} must wait before it may try to sign in as {@code user};
	 * empty when it may try now.
	 */
	Optional<Duration> wait(String user, String source) {
		Bucket pair = this.pairs.getIfPresent(pair(user, source));
		Optional<Duration> wait = exhausted(this.sources.getIfPresent(source));
		if (wait.isEmpty()) {
			wait = exhausted(pair);
		}
		if (wait.isEmpty() && pair != null) {
			// The account is under attack: sources that failed on it wait, others may
			// try.
			wait = exhausted(this.accounts.getIfPresent(account(user)));
		}
		return wait;
	}

	void failed(String user, String source) {
		this.pairs.get(pair(user, source), key -> bucket(this.accountAndSource)).tryConsume(1);
		this.sources.get(source, key -> bucket(this.source)).tryConsume(1);
		this.accounts.get(account(user), key -> bucket(this.account)).tryConsume(1);
	}

	void succeeded(String user, String source) {
		this.pairs.invalidate(pair(user, source));
	}

	private Optional<Duration> exhausted(Bucket bucket) {
		if (bucket == null || bucket.getAvailableTokens() > 0) {
			return Optional.empty();
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Optional.of(Duration.ofSeconds(Math.max(1, (nanos + 999_999_999) / 1_000_000_000)));
	}

	private Bucket bucket(Limit limit) {
		return Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(limit.failures()).refillGreedy(limit.failures(), limit.window()))
			.withCustomTimePrecision(this.clock)
			.build();
	}

	/** User ids are compared as typed elsewhere; here "Officer" counts as "officer". */
	private static String account(String user) {
		return user.toLowerCase(Locale.ROOT);
	}

	private static String pair(String user, String source) {
		return account(user) + '\n' + source;
	}

}
