package dev.fakeyc.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
	private final ConcurrentLinkedDeque<RecordedRequest> entries = new ConcurrentLinkedDeque<>();
	private final AtomicInteger size = new AtomicInteger();
	private final AtomicLong total = new AtomicLong();

	Journal(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("journal capacity must be at least 1: " + capacity);
		}
		this.capacity = capacity;
	}

	void record(RecordedRequest request) {
		entries.addLast(request);
		total.incrementAndGet();
		if (size.incrementAndGet() > capacity && entries.pollFirst() != null) {
			size.decrementAndGet();
		}
	}

	/** Every request still held, oldest first. */
	public List<RecordedRequest> requests() {
		return new ArrayList<>(entries);
	}

	/** The requests that satisfy {@code filter}, oldest first. */
	public List<RecordedRequest> requests(Predicate<? super RecordedRequest> filter) {
		List<RecordedRequest> result = new ArrayList<>();
		for (RecordedRequest r : entries) {
			if (filter.test(r)) {
				result.add(r);
			}
		}
		return result;
	}

	/** The newest request, if any. */
	public Optional<RecordedRequest> last() {
		return Optional.ofNullable(entries.peekLast());
	}

	/** How many requests are held now. */
	public int size() {
		return Math.max(0, size.get());
	}

	/** How many requests were recorded since the server was made, including dropped and cleared ones. */
	public long totalRecorded() {
		return total.get();
	}

	/** The most requests held at once. */
	public int capacity() {
		return capacity;
	}

	/** Forgets every request held. */
	public void clear() {
		RecordedRequest r;
		while ((r = entries.pollFirst()) != null) {
			size.decrementAndGet();
		}
	}

	@Override
	public String toString() {
		return "Journal[" + size() + " of at most " + capacity + "]";
	}
}
