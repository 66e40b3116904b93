package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fake's clock: the system clock plus an offset that a test moves forward, so an expiry is
 * tested without waiting. Every expiry check of the fake reads this clock; it is a
 * {@link java.time.Clock}, so client code under test can read it too.
 *
 * <pre>{@code
 * IamToken token = cloud.issueIamToken(sa, Duration.ofHours(12));
 * cloud.clock().advance(Duration.ofHours(12));   // the token is now expired
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FakeClock extends Clock {
	private final Clock base;
	private final AtomicReference<Duration> offset;

	private FakeClock(Clock base, AtomicReference<Duration> offset) {
		this.base = base;
		this.offset = offset;
	}

	/**
	 * A clock that runs with the system clock until moved.
	 *
	 * @return a new clock in UTC, reading the system's time, offset zero
	 */
	public static FakeClock system() {
		return new FakeClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
	}

	/**
	 * A clock that stands still at {@code instant} until moved.
	 *
	 * @param instant what the clock reads until moved
	 * @return a new clock in UTC, offset zero
	 * @throws NullPointerException for a null instant
	 */
	public static FakeClock fixed(Instant instant) {
		return new FakeClock(Clock.fixed(instant, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO));
	}

	/**
	 * Moves the clock forward (or back, with a negative duration), atomically: a request sees the old reading or the
	 * new one.
	 *
	 * @param by how far to move it; any length, negative moves it back
	 * @return this clock, to chain calls
	 * @throws NullPointerException for a null duration
	 */
	public FakeClock advance(Duration by) {
		Objects.requireNonNull(by, "duration must not be null");
		offset.accumulateAndGet(by, Duration::plus);
		return this;
	}

	/**
	 * Moves the clock so that it reads {@code instant} now (a running clock runs on from there), atomically.
	 *
	 * @param instant what the clock reads now
	 * @return this clock, to chain calls
	 * @throws NullPointerException for a null instant
	 */
	public FakeClock set(Instant instant) {
		Objects.requireNonNull(instant, "instant must not be null");
		offset.set(Duration.between(base.instant(), instant));
		return this;
	}

	/**
	 * How far this clock has been moved from its base (the system clock, or the fixed instant).
	 *
	 * @return the sum of all moves; negative when moved back; zero when never moved
	 */
	public Duration offset() {
		return offset.get();
	}

	/** The base's reading plus the offset; the base's reading alone while the clock has never been moved (the usual case). */
	@Override
	public Instant instant() {
		Duration by = offset.get();
		return by == Duration.ZERO ? base.instant() : base.instant().plus(by);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/** The same clock; the fake always speaks UTC. */
	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public String toString() {
		return "FakeClock[" + instant() + ", offset " + offset.get() + "]";
	}
}
