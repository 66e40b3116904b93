package dev.fakeyc.server;

import dev.fakeyc.server.internal.http.JournalEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The requests a fake received, newest last, each with its decision. Bounded: past
 * {@link #capacity()} the oldest entries are dropped, so a long soak does not grow memory. Appends
 * never block request threads.
 *
 * <pre>{@code
 * List<RecordedRequest> refused = cloud.journal().requests(r -> r.outcome() == Outcome.REJECTED);
 * }</pre>
 *
 * @since 0.1
 */
public final class Journal {
	private final int capacity;
	// a ring of the newest entries: entry n sits in slot n % capacity, and is there only while its
	// sequence says so (a newer one overwrites it, clear() empties it). The ring is cut in pages made
	// on first use, so a huge capacity costs nothing until requests fill it.
	private static final int PAGE = 4096;
	private final AtomicReferenceArray<AtomicReferenceArray<JournalEntry>> pages;
	private final AtomicLong next = new AtomicLong();
	private volatile long clearedBefore;

	Journal(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("journal capacity must be at least 1: " + capacity);
		}
		this.capacity = capacity;
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
	}

	private AtomicReferenceArray<JournalEntry> page(int slot) {
		AtomicReferenceArray<JournalEntry> page = pages.get(slot / PAGE);
		if (page == null) {
			pages.compareAndSet(slot / PAGE, null, new AtomicReferenceArray<>(Math.min(PAGE, capacity)));
			page = pages.get(slot / PAGE);
		}
		return page;
	}

	/** Every request still held, oldest first. */
	public List<RecordedRequest> requests() {
		return requests(r -> true);
	}

	/** The requests that satisfy {@code filter}, oldest first. */
	public List<RecordedRequest> requests(Predicate<? super RecordedRequest> filter) {
		List<RecordedRequest> result = new ArrayList<>();
		long end = next.get();
		for (long s = first(end); s < end; s++) {
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
	 * The requests recorded from position {@code from} on that satisfy {@code filter}, oldest first:
	 * take {@code from} from {@link #totalRecorded()} when a time window starts, to read the requests of
	 * that window later without clearing what others see.
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

	/** The newest request, if any. */
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

	/** How many requests are held now. */
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

	/** How many requests were recorded since the server was made, including dropped and cleared ones. */
	public long totalRecorded() {
		return next.get();
	}

	/** The most requests held at once. */
	public int capacity() {
		return capacity;
	}

	/** Forgets every request held. */
	public synchronized void clear() {
		long end = next.get();
		clearedBefore = Math.max(clearedBefore, end);
		for (int p = 0; p < pages.length(); p++) {
			AtomicReferenceArray<JournalEntry> page = pages.get(p);
			for (int i = 0; page != null && i < page.length(); i++) {
				JournalEntry e = page.get(i);
				if (e != null && e.sequence() < end) {
					page.compareAndSet(i, e, null); // let the entries go; a newer one that raced in stays
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
		return "Journal[" + size() + " of at most " + capacity + "]";
	}
}
