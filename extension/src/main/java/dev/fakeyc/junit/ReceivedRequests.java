package dev.fakeyc.junit;

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

import org.awaitility.Awaitility;

/**
 * The requests the fake received from one test. On a server of its own class, run one test at a time,
 * that is every request since the test started; on a shared server, or with tests running
 * concurrently, it is the requests made with the test's own credentials (the injected ones, and any
 * account passed to {@link #track(Subject)}), so parallel tests never see each other's.
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
 * @since 0.1
 */
public final class ReceivedRequests {
	/** How long {@link #await(int)} waits. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final Journal journal;
	private final boolean everything;
	private final Set<String> subjects = ConcurrentHashMap.newKeySet();
	private final Set<String> credentials = ConcurrentHashMap.newKeySet();

	ReceivedRequests(Journal journal, boolean everything) {
		this.journal = journal;
		this.everything = everything;
	}

	/** Counts the requests of this account as this test's too. */
	public ReceivedRequests track(Subject account) {
		subjects.add(account.id());
		return this;
	}

	void trackCredential(String masked) {
		credentials.add(masked);
	}

	private boolean mine(RecordedRequest r) {
		return everything || subjects.contains(r.subjectId()) || (!r.credential().isEmpty() && credentials.contains(r.credential()));
	}

	/** This test's requests, oldest first. */
	public List<RecordedRequest> all() {
		return journal.requests(this::mine);
	}

	/** This test's requests that satisfy {@code filter}. */
	public List<RecordedRequest> matching(Predicate<? super RecordedRequest> filter) {
		return journal.requests(r -> mine(r) && filter.test(r));
	}

	/** How many requests this test made. */
	public int count() {
		return all().size();
	}

	/** The newest request of this test. */
	public Optional<RecordedRequest> last() {
		List<RecordedRequest> all = all();
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
	}

	/** Waits until this test has made at least {@code count} requests, for at most {@link #DEFAULT_TIMEOUT}. */
	public List<RecordedRequest> await(int count) {
		return await(count, DEFAULT_TIMEOUT);
	}

	/**
	 * Waits until this test has made at least {@code count} requests.
	 *
	 * @throws org.awaitility.core.ConditionTimeoutException naming what did arrive, after {@code timeout}
	 */
	public List<RecordedRequest> await(int count, Duration timeout) {
		Awaitility.await().alias("at least " + count + " request(s) to the fake Yandex Cloud; received so far:\n" + describe())
				.atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> count() >= count);
		return all();
	}

	/** One line per request, with its decision and reason, for failure messages. */
	public String describe() {
		List<RecordedRequest> all = all();
		if (all.isEmpty()) {
			return "  (no requests)";
		}
		return all.stream().map(r -> "  " + r.describe()).collect(Collectors.joining("\n"));
	}

	@Override
	public String toString() {
		return "ReceivedRequests[" + count() + (everything ? "" : ", by this test's credentials") + "]";
	}
}
