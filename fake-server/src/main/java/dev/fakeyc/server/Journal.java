package dev.fakeyc.server;

import org.apiguardian.api.API;
import dev.fakeyc.server.internal.journal.JournalEntry;
import dev.fakeyc.server.internal.journal.JournalRing;
import dev.fakeyc.server.internal.journal.JournalSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The requests a fake received, newest last, each with its decision. Bounded twice: past
 * {@link #capacity()} entries, or past {@link #maxBytes()} bytes of heap (estimated), the oldest
 * entries are dropped, so neither a long soak nor requests with huge headers grow memory. Each entry
 * is bounded too (see the README's journal section): credentials masked, long paths, header values
 * and reasons cut and marked with {@code …[cut, N chars]}, headers past 64 counted under the name
 * {@code :cut}. Appends never block request threads. Request threads check the byte ceiling after every sixteenth small
 * request (and after any large one), so the journal may run about 1.5% past it for a moment; every read here
 * ({@link #size()}, {@link #requests()}, {@link #last()}, {@link #page}, {@link #heldBytes()}) first drops what is past
 * it, so what a read returns is always within it once the requests are answered.
 *
 * <pre>{@code
 * List<RecordedRequest> refused = cloud.journal().requests(r -> r.outcome() == Outcome.REJECTED);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Journal {
	// the storage: a ring of slots written in place (see JournalRing); this class is its public view
	private final JournalRing ring;

	Journal(int capacity) {
		this(capacity, Long.MAX_VALUE);
	}

	Journal(int capacity, long maxBytes) {
		this.ring = new JournalRing(capacity, maxBytes);
	}

	void record(RecordedRequest request) {
		append(JournalEntry.of(request));
	}

	/** Appends without locking; see {@link JournalRing}. */
	void append(JournalEntry entry) {
		ring.append(entry);
	}

	/** Where the transports journal their requests: the ring itself. */
	JournalSink sink() {
		return ring;
	}

	/**
	 * Every request still held, oldest first.
	 *
	 * @return a new list, a snapshot: later requests do not appear in it
	 */
	public List<RecordedRequest> requests() {
		return requests(r -> true);
	}

	/**
	 * The requests that satisfy {@code filter}, oldest first.
	 *
	 * @param filter which requests to keep; called once per held request, on the caller's thread
	 * @return a new list, a snapshot
	 * @throws NullPointerException for a null filter
	 */
	public List<RecordedRequest> requests(Predicate<? super RecordedRequest> filter) {
		return requestsSince(0, filter); // position 0 is before every held one
	}

	/**
	 * The requests recorded from position {@code from} on that satisfy {@code filter}, oldest first:
	 * take {@code from} from {@link #totalRecorded()} when a time window starts, to read the requests of
	 * that window later without clearing what others see.
	 *
	 * @param from   the first position wanted (0 is the first request ever recorded); dropped ones are skipped
	 * @param filter which requests to keep
	 * @return a new list, a snapshot
	 * @throws NullPointerException for a null filter
	 */
	public List<RecordedRequest> requestsSince(long from, Predicate<? super RecordedRequest> filter) {
		List<RecordedRequest> result = new ArrayList<>();
		long end = ring.settle(); // the held requests within the byte ceiling, then the next sequence
		for (long s = Math.max(from, ring.first(end)); s < end; s++) {
			JournalEntry e = ring.held(s);
			if (e != null) {
				RecordedRequest r = e.recorded();
				if (filter.test(r)) {
					result.add(r);
				}
			}
		}
		return result;
	}

	/**
	 * The newest request, if any.
	 *
	 * @return the request recorded last and still held, or empty
	 */
	public Optional<RecordedRequest> last() {
		long end = ring.settle(); // the held requests within the byte ceiling, then the next sequence
		for (long s = end - 1, first = ring.first(end); s >= first; s--) {
			JournalEntry e = ring.held(s);
			if (e != null) {
				return Optional.of(e.recorded());
			}
		}
		return Optional.empty();
	}

	/**
	 * How many requests are held now.
	 *
	 * @return 0 to {@link #capacity()}
	 */
	public int size() {
		long end = ring.settle(); // the held requests within the byte ceiling, then the next sequence
		int held = 0;
		for (long s = ring.first(end); s < end; s++) {
			if (ring.isHeld(s)) {
				held++;
			}
		}
		return held;
	}

	/**
	 * How many requests were recorded since the server was made, including dropped and cleared ones.
	 *
	 * @return the count, also the position the next request will be recorded at
	 */
	public long totalRecorded() {
		return ring.totalRecorded();
	}

	/**
	 * The most requests held at once; past it the oldest are dropped.
	 *
	 * @return the capacity in requests, at least 1
	 */
	public int capacity() {
		return ring.capacity();
	}

	/**
	 * The most bytes of heap the held requests take (estimated); past it the oldest are dropped.
	 *
	 * @return the budget in bytes
	 */
	public long maxBytes() {
		return ring.maxBytes();
	}

	/**
	 * The bytes of heap the held requests take now (estimated: two bytes a character plus the objects around them).
	 *
	 * @return the estimate in bytes, 0 to {@link #maxBytes()}
	 */
	public long heldBytes() {
		return ring.heldBytes();
	}

	/**
	 * At most {@code limit} requests held, oldest first, starting at position {@code from} in the order
	 * of recording (0 is the first request the fake ever recorded), for reading a long journal a piece
	 * at a time: pass {@link Page#next()} as {@code from} to get the following page.
	 *
	 * @param from  the first position wanted; positions already dropped are skipped
	 * @param limit the most requests returned, at least 1
	 * @return the requests and the position after the last one returned
	 * @throws IllegalArgumentException if {@code from} is negative or {@code limit} is less than 1
	 */
	public Page page(long from, int limit) {
		return page(from, limit, Long.MAX_VALUE);
	}

	/**
	 * {@link #page(long, int)} that also stops once the requests returned take {@code maxBytes} of heap
	 * (estimated, as {@link #heldBytes()} counts them); at least one request is returned if any is held
	 * from {@code from} on. The control API pages this way, so one answer stays small whatever was recorded.
	 *
	 * @param from     the first position wanted; positions already dropped are skipped
	 * @param limit    the most requests returned, at least 1
	 * @param maxBytes the budget of the page in bytes, at least 1
	 * @return the requests and the position after the last one returned
	 * @throws IllegalArgumentException if {@code from} is negative, or {@code limit} or {@code maxBytes} is less than 1
	 */
	public Page page(long from, int limit, long maxBytes) {
		if (from < 0 || limit < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("from must be 0 or more, limit and maxBytes 1 or more: from " + from + ", limit " + limit
					+ ", maxBytes " + maxBytes);
		}
		List<RecordedRequest> result = new ArrayList<>();
		long end = ring.settle(); // the held requests within the byte ceiling, then the next sequence
		long s = Math.max(from, ring.first(end));
		long taken = 0;
		for (; s < end && result.size() < limit && taken < maxBytes; s++) {
			JournalEntry e = ring.held(s);
			if (e != null) {
				result.add(e.recorded());
				taken += e.estimatedBytes();
			}
		}
		return new Page(result, s, s < end);
	}

	/**
	 * One page of the journal.
	 *
	 * @param requests the requests, oldest first
	 * @param next     the position to pass as {@code from} for the next page
	 * @param more     whether requests were recorded after this page (they may be dropped before they are read)
	 * @since 0.1
	 */
	@API(status = API.Status.STABLE, since = "0.1")
	public record Page(List<RecordedRequest> requests, long next, boolean more) {
	}

	/** Forgets every request held. */
	public synchronized void clear() {
		ring.clear();
	}

	@Override
	public String toString() {
		return "Journal[" + size() + " of at most " + ring.capacity() + ", " + ring.heldBytes() + " of at most " + ring.maxBytes() + " bytes]";
	}
}
