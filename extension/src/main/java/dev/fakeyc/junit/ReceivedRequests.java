package dev.fakeyc.junit;

import dev.fakeyc.server.Access;
import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.Journal;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Subject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apiguardian.api.API;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The requests the fake received from one test, from the moment the test started (its constructor,
 * for constructor injection), oldest first. A view: reading it never clears or changes what any other
 * test sees.
 *
 * <ul>
 * <li>When the test has its server to itself — tests do not run in parallel, the test has a server of
 * its own, or it is {@link ExclusiveServer} (also implied by taking {@link dev.fakeyc.server.FakeYandexCloud},
 * {@link dev.fakeyc.server.FakeClock} or an {@link AttachedToMetadata} account) — it holds every request
 * the server received since the test started ({@link #isExclusive()}).</li>
 * <li>Otherwise other tests may be using the same server at the same time, and it holds the requests
 * made with the test's own credentials: the injected ones (into the test method, its constructor and
 * its {@code @BeforeEach}/{@code @AfterEach} methods), the class-level ones of its instance (a
 * per-class constructor, {@code @BeforeAll}) and any account passed to {@link #track(Subject)}.
 * Requests that carry none of them — no {@code Authorization} header, a token exchange, a metadata
 * call — are left out, and {@link #describe()} (so every failure message) says how many and why.</li>
 * </ul>
 *
 * <pre>{@code
 * @Test
 * void sendsMetrics(@Scoped("yc.monitoring.manage") ApiKey key, ReceivedRequests requests) {
 *     exporter.start(key.value());
 *     requests.await(1);                       // Awaitility, 5 s at most
 *     FakeCloudAssertions.assertThat(requests).allAccepted();
 * }
 * }</pre>
 *
 * <p>Class-level credentials (a per-class constructor, {@code @BeforeAll}) belong to every test of
 * the instance: requests made with them count for each test running at the time. Inject credentials
 * into the test method for exact per-test counts under parallel execution.
 *
 * <p>The journal keeps the newest {@link Journal#capacity()} requests of the server; a test's older
 * requests past that are gone.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ReceivedRequests {
	/** How long {@link #await(int)} waits. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final Journal journal;
	private final Access access;
	private final long start;
	private final boolean exclusive;
	private final ReceivedRequests enclosing;
	private final Set<String> subjects = ConcurrentHashMap.newKeySet();
	private final Set<String> credentials = ConcurrentHashMap.newKeySet();

	/**
	 * @param exclusive whether the test has the server to itself: then every request since now is its own
	 * @param enclosing the view of the class-level context whose credentials the test may use, or null
	 * @param access    the server's access view, for the least-privilege report
	 */
	ReceivedRequests(Journal journal, boolean exclusive, ReceivedRequests enclosing, Access access) {
		this.journal = journal;
		this.access = access;
		this.start = journal.totalRecorded();
		this.exclusive = exclusive;
		this.enclosing = enclosing;
	}

	/**
	 * Counts the requests of this account as this test's too: for an account the test made itself, or
	 * one from a fixed configuration.
	 *
	 * @param account a service or user account of the fake; its requests count from the test's start, not from this call
	 * @return this view
	 */
	public ReceivedRequests track(Subject account) {
		subjects.add(account.id());
		return this;
	}

	void trackCredential(String masked) {
		credentials.add(masked);
	}

	/**
	 * Whether the test has its server to itself, so that this holds every request since it started,
	 * with or without a credential of the test.
	 *
	 * @return true when every request to the server since the test started counts as the test's own
	 */
	public boolean isExclusive() {
		return exclusive;
	}

	private boolean mine(RecordedRequest r) {
		return exclusive || carriesOwnCredential(r);
	}

	private boolean carriesOwnCredential(RecordedRequest r) {
		return subjects.contains(r.subjectId()) || (!r.credential().isEmpty() && credentials.contains(r.credential()))
				|| (enclosing != null && enclosing.carriesOwnCredential(r));
	}

	/**
	 * This test's requests, oldest first.
	 *
	 * @return a snapshot: requests arriving later are not added to it
	 */
	public List<RecordedRequest> all() {
		return journal.requestsSince(start, this::mine);
	}

	/**
	 * The least-privilege report over this test's requests: per account, the fewest roles, and
	 * where bound, that would have allowed each request, and the requests refused for a missing role.
	 *
	 * @return the report of the requests received so far
	 */
	public AccessReport accessReport() {
		return access.report(all());
	}

	/**
	 * This test's requests that satisfy {@code filter}, oldest first.
	 *
	 * @param filter which of the test's requests to keep
	 * @return a snapshot: requests arriving later are not added to it
	 */
	public List<RecordedRequest> matching(Predicate<? super RecordedRequest> filter) {
		return journal.requestsSince(start, r -> mine(r) && filter.test(r));
	}

	/**
	 * How many requests this test made.
	 *
	 * @return the count so far, 0 or more
	 */
	public int count() {
		return all().size();
	}

	/**
	 * The newest request of this test.
	 *
	 * @return the newest request, or empty when the test made none yet
	 */
	public Optional<RecordedRequest> last() {
		List<RecordedRequest> all = all();
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
	}

	/**
	 * Waits until this test has made at least {@code count} requests, for at most {@link #DEFAULT_TIMEOUT}.
	 *
	 * @param count how many requests to wait for, counted from the test's start
	 * @return this test's requests once there are enough
	 * @throws org.awaitility.core.ConditionTimeoutException naming what did arrive, after {@link #DEFAULT_TIMEOUT}
	 */
	public List<RecordedRequest> await(int count) {
		return await(count, DEFAULT_TIMEOUT);
	}

	/**
	 * Waits until this test has made at least {@code count} requests, checking every 10 ms.
	 *
	 * @param count   how many requests to wait for, counted from the test's start
	 * @param timeout how long to wait at most
	 * @return this test's requests once there are enough
	 * @throws org.awaitility.core.ConditionTimeoutException naming what did arrive, after {@code timeout}
	 */
	public List<RecordedRequest> await(int count, Duration timeout) {
		try {
			Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> count() >= count);
		} catch (ConditionTimeoutException e) {
			// described when the wait gives up, so the message shows what arrived during it too
			ConditionTimeoutException described = new ConditionTimeoutException("Expected within " + timeout.toMillis() + " milliseconds at least "
					+ count + " request(s) to the fake Yandex Cloud; received so far:\n" + describe());
			described.initCause(e);
			throw described;
		}
		return all();
	}

	/**
	 * One line per request, with its decision and reason, for failure messages; then, when requests
	 * of the test's time were left out, how many and why.
	 *
	 * @return the text, lines separated by {@code \n}, each indented by two spaces
	 */
	public String describe() {
		List<RecordedRequest> window = journal.requestsSince(start, r -> true);
		List<RecordedRequest> mine = window.stream().filter(this::mine).toList();
		String lines = mine.isEmpty() ? "  (no requests)" : mine.stream().map(r -> "  " + r.describe()).collect(Collectors.joining("\n"));
		int leftOut = window.size() - mine.size();
		if (leftOut == 0) {
			return lines;
		}
		long withoutCredential = window.stream().filter(r -> !mine(r) && r.credential().isEmpty()).count();
		return lines + "\n  (left out: " + leftOut + " other request(s) reached the server while this test ran, " + withoutCredential
				+ " of them with no credential at all (no Authorization header, a token exchange, a metadata call); other tests may be "
				+ "using the server at the same time, so only requests made with this test's own credentials count as its own — "
				+ "mark the test @ExclusiveServer to have the server to itself and see every request)";
	}

	@Override
	public String toString() {
		return "ReceivedRequests[" + count() + (exclusive ? "" : ", by this test's credentials") + "]";
	}
}
