package dev.fakeyc.server;

import org.apiguardian.api.API;
import dev.fakeyc.server.internal.journal.JournalEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The requests a fake received, newest last, each with its decision. Bounded twice: past
 * {@link #capacity()} entries, or past {@link #maxBytes()} bytes of heap (estimated), the oldest
 * entries are dropped, so neither a long soak nor requests with huge headers grow memory. Each entry
 * is bounded too (see the README's journal section): credentials masked, long paths, header values
 * and reasons cut and marked with {@code …[cut, N chars]}, headers past 64 counted under the name
 * {@code :cut}. Appends never block request threads.
 *
 * <pre>{@code
 * List<RecordedRequest> refused = cloud.journal().requests(r -> r.outcome() == Outcome.REJECTED);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Journal {
	private final int capacity;
	// a ring of the newest entries: entry n sits in slot n % capacity, and is there only while its
	// sequence says so (a newer one overwrites it, clear() empties it). The ring is cut in pages made
	// on first use, so a huge capacity costs nothing until requests fill it.
	private static final int PAGE = 4096;
	private final AtomicReferenceArray<AtomicReferenceArray<JournalEntry>> pages;
	private final AtomicLong next = new AtomicLong();
	private final long maxBytes;
	/** The estimated bytes of the entries in the ring; changed only by whoever puts an entry in or takes one out. */
	private final AtomicLong bytes = new AtomicLong();
	private volatile long clearedBefore;
	private final java.util.concurrent.atomic.AtomicBoolean dropping = new java.util.concurrent.atomic.AtomicBoolean();

	Journal(int capacity) {
		this(capacity, Long.MAX_VALUE);
	}

	Journal(int capacity, long maxBytes) {
		if (capacity < 1) {
			throw new IllegalArgumentException("journal capacity must be at least 1: " + capacity);
		}
		if (maxBytes < 1) {
			throw new IllegalArgumentException("journal byte ceiling must be at least 1: " + maxBytes);
		}
		this.capacity = capacity;
		this.maxBytes = maxBytes;
		this.pages = new AtomicReferenceArray<>((capacity + PAGE - 1) / PAGE);
	}

	void record(RecordedRequest request) {
		append(JournalEntry.of(request));
	}

	/**
	 * Appends without locking: one atomic increment takes a place, one compare-and-set fills its slot.
	 * A writer that stalled so long that a newer entry took its slot already gives up: its entry
	 * would have been dropped as too old anyway.
	 */
	void append(JournalEntry entry) {
		long sequence = next.getAndIncrement();
		entry.sequence(sequence);
		int slot = (int) (sequence % capacity);
		AtomicReferenceArray<JournalEntry> page = page(slot);
		JournalEntry current;
		do {
			current = page.get(slot % PAGE);
			if (current != null && current.sequence() > sequence) {
				return;
			}
		} while (!page.compareAndSet(slot % PAGE, current, entry));
		long held = bytes.addAndGet(entry.estimatedBytes() - (current == null ? 0 : current.estimatedBytes()));
		if (held > maxBytes && dropping.compareAndSet(false, true)) { // one thread drops; the others go on
			try {
				dropOldest();
			} finally {
				dropping.set(false);
			}
		}
	}

	/**
	 * Drops the oldest entries until the held bytes are an eighth under the ceiling (the newest entry
	 * always stays): at the ceiling, a drop then serves many appends instead of one.
	 */
	private synchronized void dropOldest() {
		long end = next.get();
		long target = maxBytes - maxBytes / 8;
		for (long s = first(end); s < end - 1 && bytes.get() > target; s++) {
			int slot = (int) (s % capacity);
			AtomicReferenceArray<JournalEntry> page = pages.get(slot / PAGE);
			JournalEntry e = page == null ? null : page.get(slot % PAGE);
			if (e != null && e.sequence() == s && page.compareAndSet(slot % PAGE, e, null)) {
				bytes.addAndGet(-e.estimatedBytes());
			}
			clearedBefore = Math.max(clearedBefore, s + 1);
		}
	}

	private AtomicReferenceArray<JournalEntry> page(int slot) {
		AtomicReferenceArray<JournalEntry> page = pages.get(slot / PAGE);
		if (page == null) {
			pages.compareAndSet(slot / PAGE, null, new AtomicReferenceArray<>(Math.min(PAGE, capacity)));
			page = pages.get(slot / PAGE);
		}
		return page;
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
		long end = next.get();
		for (long s = Math.max(from, first(end)); s < end; s++) {
			JournalEntry e = held(s);
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
		long end = next.get();
		for (long s = end - 1, first = first(end); s >= first; s--) {
			JournalEntry e = held(s);
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
		long end = next.get();
		int held = 0;
		for (long s = first(end); s < end; s++) {
			if (held(s) != null) {
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
		return next.get();
	}

	/**
	 * The most requests held at once; past it the oldest are dropped.
	 *
	 * @return the capacity in requests, at least 1
	 */
	public int capacity() {
		return capacity;
	}

	/**
	 * The most bytes of heap the held requests take (estimated); past it the oldest are dropped.
	 *
	 * @return the budget in bytes
	 */
	public long maxBytes() {
		return maxBytes;
	}

	/**
	 * The bytes of heap the held requests take now (estimated: two bytes a character plus the objects around them).
	 *
	 * @return the estimate in bytes, 0 to {@link #maxBytes()}
	 */
	public long heldBytes() {
		return bytes.get();
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
		long end = next.get();
		long s = Math.max(from, first(end));
		long taken = 0;
		for (; s < end && result.size() < limit && taken < maxBytes; s++) {
			JournalEntry e = held(s);
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
		long end = next.get();
		clearedBefore = Math.max(clearedBefore, end);
		for (int p = 0; p < pages.length(); p++) {
			AtomicReferenceArray<JournalEntry> page = pages.get(p);
			for (int i = 0; page != null && i < page.length(); i++) {
				JournalEntry e = page.get(i);
				if (e != null && e.sequence() < end && page.compareAndSet(i, e, null)) { // a newer one that raced in stays
					bytes.addAndGet(-e.estimatedBytes());
				}
			}
		}
	}

	/** The oldest sequence that may still be held when {@code end} entries were recorded. */
	private long first(long end) {
		return Math.max(clearedBefore, Math.max(0, end - capacity));
	}

	/** The entry of this sequence if its slot still holds it (not yet overwritten, not still being written). */
	private JournalEntry held(long sequence) {
		int slot = (int) (sequence % capacity);
		AtomicReferenceArray<JournalEntry> page = pages.get(slot / PAGE);
		JournalEntry e = page == null ? null : page.get(slot % PAGE);
		return e != null && e.sequence() == sequence ? e : null;
	}

	@Override
	public String toString() {
		return "Journal[" + size() + " of at most " + capacity + ", " + bytes.get() + " of at most " + maxBytes + " bytes]";
	}
}
