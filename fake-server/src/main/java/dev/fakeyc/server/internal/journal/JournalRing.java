package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.Verdict;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The journal's storage: a ring of {@link #capacity()} slots, request {@code n} in slot {@code n % capacity}, held while
 * its slot says so (a newer request overwrites it, {@link #clear()} and the byte ceiling empty it).
 *
 * <p>A slot is written in place and reused: a request the transport {@linkplain #record records} leaves its strings in
 * the slot's own byte array (kept from one request to the next while the sizes allow), not in a new entry object, so
 * what the journal holds is made once and then lives as long as the journal. Under load this is what keeps the garbage
 * collector from copying and promoting every held request, as it did while each request left an object and an array
 * behind. An entry made elsewhere ({@link #append}: a test's responder, the gRPC front) is kept as it is.
 *
 * <p>Each slot has a state: empty, being written for request {@code n} (odd: {@code 2n + 1}), or holding request
 * {@code n} (even: {@code 2n + 2}). A writer takes the slot with one compare-and-set (after waiting, spinning, for the
 * few instructions an older writer of the same slot still needs: it happens only when {@code capacity} requests arrive
 * while one is being written), writes, and publishes the new state. A reader copies what it needs and checks afterwards
 * that the state did not move (the validation of {@link java.util.concurrent.locks.StampedLock}'s optimistic reads):
 * it sees the request whole, or not at all, never a mix. The {@link JournalEntry} a reader makes is kept in the slot,
 * so later reads of the same request return it (and its record) again.
 *
 * <p>Bounded twice: by capacity, and by {@link #maxBytes()}: the held requests' estimated heap
 * ({@link JournalEntry#estimatedBytes()}) past it drops the oldest, until an eighth under it (checked for every large
 * request and every sixteenth small one, so small ones may pass it by about 1.5% until the next check; a read
 * {@linkplain #settle settles} first). A slot's array is kept for
 * reuse only while it is at most a quarter larger than the request's bytes (or 512 bytes), and a slot emptied by the ceiling or
 * {@link #clear()} lets go of an array larger than 512 bytes: the arrays the ring keeps beside the held requests are at
 * most 512 bytes a slot (a request of the benchmark's takes 150 to 400), and the next request in that slot, usually one
 * of the next eighth of the capacity, writes into its array instead of making one that the collector would copy and
 * promote (it did, at the byte ceiling, before arrays were kept).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class JournalRing implements JournalSink {
	/** Slots are made a page at a time, on first use: a huge capacity costs nothing until requests fill it. */
	private static final int PAGE = 4096;
	/** The largest array an empty slot keeps for the next request. */
	private static final int KEPT_BYTES = 512;
	private static final long EMPTY = 0;
	private static final VarHandle STATE;
	private static final VarHandle READ;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", long.class);
			READ = MethodHandles.lookup().findVarHandle(Slot.class, "read", JournalEntry.class);
		} catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	/** The count is summed for one request in {@code CHECK_MASK + 1} ({@link #dropIfOver(long, long)}). */
	private static final long CHECK_MASK = 15;

	private final int capacity;
	private final long maxBytes;
	/** A request growing the count by this much or more has it summed at once: a 1,024th of the ceiling, at least 1. */
	private final long checkEvery;
	private final AtomicReferenceArray<Slot[]> pages;
	private final AtomicLong next = new AtomicLong();
	/**
	 * The estimated bytes of the held requests; changed by whoever puts a request in or takes one out. Striped: the IO
	 * threads add to it on every request, and one shared counter made them wait on each other's cache line.
	 */
	private final LongAdder bytes = new LongAdder();
	private final AtomicBoolean dropping = new AtomicBoolean();
	private volatile long clearedBefore;

	/**
	 * An empty ring.
	 *
	 * @param capacity the most requests held, at least 1
	 * @param maxBytes the most estimated bytes held, at least 1
	 * @throws IllegalArgumentException if either is less than 1
	 */
	public JournalRing(int capacity, long maxBytes) {
		if (capacity < 1) {
			throw new IllegalArgumentException("journal capacity must be at least 1: " + capacity);
		}
		if (maxBytes < 1) {
			throw new IllegalArgumentException("journal byte ceiling must be at least 1: " + maxBytes);
		}
		this.capacity = capacity;
		this.maxBytes = maxBytes;
		this.checkEvery = Math.max(1, maxBytes >> 10);
		this.pages = new AtomicReferenceArray<>((capacity + PAGE - 1) / PAGE);
	}

	/** One place of the ring. Its fields other than {@code state} are written only by the holder of an odd state. */
	private static final class Slot {
		@SuppressWarnings("unused") // through STATE
		volatile long state;
		long epochSecond;
		int nano;
		Route route;
		int status;
		int estimatedBytes;
		/** The request's bytes (the first {@code length}), reused from request to request; unused when {@code given} is set. */
		byte[] data;
		int length;
		/** An entry appended whole, or null when the slot holds bytes. */
		JournalEntry given;
		/**
		 * The entry a reader made of the bytes: the record alone, as the slot keeps the bytes. Valid only while its
		 * sequence is the slot's; a writer drops it when it takes the slot.
		 */
		volatile JournalEntry read;
	}

	private static long writing(long sequence) {
		return 2 * sequence + 1;
	}

	private static long holding(long sequence) {
		return 2 * sequence + 2;
	}

	/** The request a non-empty state is about. */
	private static long sequenceOf(long state) {
		return (state - 1) >>> 1;
	}

	@Override
	public void append(JournalEntry entry) {
		long sequence = next.getAndIncrement();
		entry.sequence(sequence);
		Slot slot = slot(sequence);
		long previous = take(slot, sequence);
		if (previous < 0) {
			return;
		}
		int released = previous == EMPTY ? 0 : slot.estimatedBytes;
		vacate(slot); // the entry holds its own bytes: the slot keeps at most a small array for the next request
		slot.given = entry;
		slot.estimatedBytes = entry.estimatedBytes();
		count(entry.estimatedBytes() - released); // before the request shows: whoever takes it out subtracts after
		STATE.setRelease(slot, holding(sequence));
		dropIfOver(entry.estimatedBytes() - released, sequence);
	}

	/** The request's strings go into its slot's own array: no entry is made until someone reads it. */
	@Override
	public void record(Instant at, String requestId, String method, String path, String query, String host, MaskedHeaders.Source headers,
			Credential credential, Route route, Verdict verdict, int status) {
		EntryBytes out = EntryBytes.writer();
		int estimated = JournalEntry.encode(out, requestId, method, path, query, host, headers, credential, route, verdict);
		long sequence = next.getAndIncrement();
		Slot slot = slot(sequence);
		long previous = take(slot, sequence);
		if (previous < 0) {
			return;
		}
		int released = previous == EMPTY ? 0 : slot.estimatedBytes;
		boolean written = false;
		try {
			int length = out.position();
			byte[] data = slot.data;
			if (data == null || data.length < length || data.length > Math.max(KEPT_BYTES, length + length / 4 + 32)) {
				slot.data = null;
				data = new byte[(length + 31) & ~31]; // the only step that can fail (out of memory)
				slot.data = data;
			}
			out.copyTo(data);
			slot.length = length;
			slot.given = null;
			forget(slot);
			slot.epochSecond = at.getEpochSecond();
			slot.nano = at.getNano();
			slot.route = route;
			slot.status = status;
			slot.estimatedBytes = estimated;
			written = true;
		} finally {
			// a slot is never left taken: writers of it would wait forever. One that could not be written is empty
			if (written) {
				count(estimated - released); // before the request shows: whoever takes it out subtracts after
				STATE.setRelease(slot, holding(sequence));
			} else {
				vacate(slot);
				bytes.add(-released); // the request it held is gone
				STATE.setRelease(slot, EMPTY);
			}
		}
		dropIfOver(estimated - released, sequence);
	}

	/**
	 * Lets go of what a taken slot refers to for its previous request: its entry, route and read entry, and an array
	 * larger than {@link #KEPT_BYTES} (a smaller one stays for the next request to write into).
	 */
	private static void vacate(Slot slot) {
		slot.given = null;
		slot.route = null;
		forget(slot);
		if (slot.data != null && slot.data.length > KEPT_BYTES) {
			slot.data = null;
		}
	}

	/** Drops a reader's entry of the slot's previous request, so it does not outlive that request. */
	private static void forget(Slot slot) {
		if (slot.read != null) {
			slot.read = null;
		}
	}

	/**
	 * Takes the slot for writing {@code sequence}: returns the state it held (empty, or holding an older request, whose
	 * bytes the caller then releases), or -1 when a newer request holds it already (this one would have been dropped as
	 * too old anyway: nothing is written).
	 */
	private static long take(Slot slot, long sequence) {
		for (int spins = 0;; spins++) {
			long state = (long) STATE.getAcquire(slot);
			if (state != EMPTY && sequenceOf(state) > sequence) {
				return -1;
			}
			if ((state & 1) == 0) {
				if (STATE.compareAndSet(slot, state, writing(sequence))) {
					return state;
				}
			} else if (spins < 1000) {
				Thread.onSpinWait(); // an older writer, or one emptying the slot, is a few stores from done
			} else {
				Thread.yield(); // or it lost its processor mid-write
			}
		}
	}

	private void count(long change) {
		if (change != 0) { // zero: a request in place of one of the same size, the usual case under load
			bytes.add(change);
		}
	}

	/**
	 * After a request: drops the oldest if the count is past the ceiling. The count is summed after a request that grew
	 * it by {@link #checkEvery} bytes or more, and after every {@link #CHECK_MASK}{@code + 1}-th request: summing reads
	 * every thread's stripe of the count, which the writing threads then take back from each other's caches, and at the
	 * ceiling (each request into a slot the last drop emptied) that was the cost of the whole count. The requests
	 * between two sums each grew it by less than {@code checkEvery}: together they take the held bytes past the ceiling by
	 * about {@code (CHECK_MASK + 1) * checkEvery} at most (about 1.5% of it; a little more while several writers are
	 * mid-request), until the next sum drops them back under. Every read of the held requests {@linkplain #settle settles}
	 * first, so a read never sees the journal past its ceiling once the writes are done.
	 */
	private void dropIfOver(long change, long sequence) {
		if (change >= checkEvery || (sequence & CHECK_MASK) == 0) {
			dropIfOver();
		}
	}

	private void dropIfOver() {
		if (bytes.sum() > maxBytes && dropping.compareAndSet(false, true)) { // one thread drops; the others go on
			try {
				dropOldest();
			} finally {
				dropping.set(false);
			}
		}
	}

	/**
	 * Drops the oldest requests until the held bytes are an eighth under the ceiling (the newest always stays): at the
	 * ceiling, one drop then serves many appends instead of one.
	 */
	private synchronized void dropOldest() {
		long end = next.get();
		long target = maxBytes - maxBytes / 8;
		long held = bytes.sum();
		long released = 0;
		long s = first(end);
		for (; s < end - 1 && held - released > target; s++) {
			released += empty(s);
		}
		clearedBefore = Math.max(clearedBefore, s);
		bytes.add(-released);
	}

	/**
	 * Empties the slot of request {@code sequence} if it still holds it.
	 *
	 * @return the bytes it held, which the caller takes off the count; 0 if it held no longer
	 */
	private int empty(long sequence) {
		Slot slot = existingSlot(sequence);
		if (slot == null || (long) STATE.getAcquire(slot) != holding(sequence)
				|| !STATE.compareAndSet(slot, holding(sequence), writing(sequence))) {
			return 0;
		}
		int released = slot.estimatedBytes;
		vacate(slot);
		STATE.setRelease(slot, EMPTY);
		return released;
	}

	/** Forgets every request recorded so far; one recorded meanwhile may stay. */
	public synchronized void clear() {
		long end = next.get();
		clearedBefore = Math.max(clearedBefore, end);
		long released = 0;
		for (int p = 0; p < pages.length(); p++) {
			Slot[] page = pages.get(p);
			for (int i = 0; page != null && i < page.length; i++) {
				long state = (long) STATE.getAcquire(page[i]);
				if (state != EMPTY && (state & 1) == 0 && sequenceOf(state) < end) { // a newer one that raced in stays
					released += empty(sequenceOf(state));
				}
			}
		}
		bytes.add(-released);
	}

	/**
	 * The request recorded at {@code sequence}, if its slot still holds it whole.
	 *
	 * @return its entry (the same one on every call, once made), or null when it was dropped, overwritten, cleared or is
	 *         still being written
	 */
	public JournalEntry held(long sequence) {
		if (sequence < clearedBefore) {
			return null;
		}
		Slot slot = existingSlot(sequence);
		if (slot == null) {
			return null;
		}
		long state = (long) STATE.getAcquire(slot);
		if (state != holding(sequence)) {
			return null;
		}
		JournalEntry made = slot.read;
		if (made != null && made.sequence() == sequence) {
			return made;
		}
		JournalEntry given = slot.given;
		long epochSecond = slot.epochSecond;
		int nano = slot.nano;
		Route route = slot.route;
		int status = slot.status;
		int estimated = slot.estimatedBytes;
		byte[] data = slot.data;
		int length = slot.length;
		byte[] copy = null;
		if (given == null && data != null && length <= data.length) {
			copy = java.util.Arrays.copyOf(data, length);
		}
		VarHandle.acquireFence();
		if ((long) STATE.getVolatile(slot) != state) {
			return null; // overwritten while it was copied: a newer request holds the slot now
		}
		if (given != null) {
			return given;
		}
		if (copy == null) {
			return null; // not reached: a held slot without an entry holds its bytes
		}
		// the record is kept, not the copy of the bytes it was read from: the slot holds those already, so a request read
		// takes what it took before the ring (its bytes and its record), no more
		JournalEntry entry = JournalEntry.readFromSlot(new JournalEntry(epochSecond, nano, copy, route, status, estimated).recorded(), estimated);
		entry.sequence(sequence);
		slot.read = entry; // two readers may race: each made an equal entry, and later reads take the one kept
		if ((long) STATE.getVolatile(slot) != state) {
			// a writer took the slot meanwhile and may have dropped the slot's entry before this one was kept: take it back
			READ.compareAndSet(slot, entry, null);
		}
		return entry;
	}

	/**
	 * Whether the request recorded at {@code sequence} is held now.
	 *
	 * @return true while its slot holds it
	 */
	public boolean isHeld(long sequence) {
		if (sequence < clearedBefore) {
			return false;
		}
		Slot slot = existingSlot(sequence);
		return slot != null && (long) STATE.getAcquire(slot) == holding(sequence);
	}

	/**
	 * The oldest request that may still be held.
	 *
	 * @param end {@link #totalRecorded()} as read by the caller
	 * @return a sequence from 0 to {@code end}
	 */
	public long first(long end) {
		return Math.max(clearedBefore, Math.max(0, end - capacity));
	}

	/** @return how many requests were recorded, also the sequence of the next one */
	public long totalRecorded() {
		return next.get();
	}

	/** @return the most requests held, at least 1 */
	public int capacity() {
		return capacity;
	}

	/** @return the byte ceiling, at least 1 */
	public long maxBytes() {
		return maxBytes;
	}

	/**
	 * Readies the ring for a read of its held requests: drops the oldest if the held bytes are past the ceiling (the
	 * writers sum them only now and then, see {@link #dropIfOver(long, long)}), waiting for a drop already under way.
	 *
	 * @return {@link #totalRecorded()} once settled: the sequence of the next request
	 */
	public long settle() {
		if (bytes.sum() > maxBytes) {
			dropOldest(); // synchronized: a reader waits for a drop under way, then drops what is still over
		}
		return next.get();
	}

	/**
	 * The held bytes, once {@linkplain #settle settled}.
	 *
	 * @return the estimated bytes of the held requests, 0 to about {@link #maxBytes()}
	 */
	public long heldBytes() {
		settle();
		// a striped count read while others change it may add up to a little less than any moment's true figure
		return Math.max(0, bytes.sum());
	}

	private Slot slot(long sequence) {
		int index = (int) (sequence % capacity);
		Slot[] page = pages.get(index / PAGE);
		if (page == null) {
			Slot[] made = new Slot[Math.min(PAGE, capacity - index / PAGE * PAGE)];
			for (int i = 0; i < made.length; i++) {
				made[i] = new Slot();
			}
			pages.compareAndSet(index / PAGE, null, made);
			page = pages.get(index / PAGE);
		}
		return page[index % PAGE];
	}

	private Slot existingSlot(long sequence) {
		int index = (int) (sequence % capacity);
		Slot[] page = pages.get(index / PAGE);
		return page == null ? null : page[index % PAGE];
	}

	@Override
	public String toString() {
		return "JournalRing[" + capacity + " slots, " + bytes.sum() + " of at most " + maxBytes + " bytes]";
	}
}
