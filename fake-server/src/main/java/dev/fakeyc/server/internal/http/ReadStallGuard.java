package dev.fakeyc.server.internal.http;

import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.channels.ReadTimeoutException;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

/**
 * The bottom of a connection's input: cuts off a client that stops sending while the server waits for its bytes
 * (mid-headers, mid-body, or between requests), as XNIO's {@code Options.READ_TIMEOUT} does, at a fraction of its cost
 * per request. {@code READ_TIMEOUT} re-arms a timer of the IO thread (a {@code TreeSet} insert and removal under a
 * lock) each time Undertow suspends and resumes reading, twice per request; this guard keeps one timer per
 * connection that fires every quarter of the timeout, and a read only marks the connection active.
 *
 * <p>The rule, as {@code READ_TIMEOUT}'s: while the connection wants to read (its reads are resumed), a connection
 * from which no bytes arrive for the timeout is closed. Time spent answering (reads suspended: the handler working, a
 * worker's responder, a streamed answer) does not count. A cut-off connection is closed between the timeout and
 * 1.25 times it after its last byte; a read listener waiting on it is called once first and its read fails with a
 * {@link ReadTimeoutException}, so a body being read ends in its error path, not in silence.
 */
final class ReadStallGuard extends AbstractStreamSourceConduit<StreamSourceConduit> implements Runnable {
	/** Ticks per timeout: a connection is cut after this many quiet ticks in a row. */
	private static final int TICKS = 4;
	private static final VarHandle ACTIVE;

	static {
		try {
			ACTIVE = MethodHandles.lookup().findVarHandle(ReadStallGuard.class, "active", boolean.class);
		} catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	private final StreamConnection connection;
	private final long timeoutMillis;
	private final long tickMillis;
	// set by reads and resumes (any thread), cleared by the tick (the IO thread)
	private volatile boolean active = true;
	private volatile boolean stalled;
	private volatile XnioExecutor.Key tick;
	private int quietTicks; // the tick's own count, on the IO thread only

	private ReadStallGuard(StreamSourceConduit next, StreamConnection connection, long timeoutMillis) {
		super(next);
		this.connection = connection;
		this.timeoutMillis = timeoutMillis;
		this.tickMillis = Math.max(1, timeoutMillis / TICKS);
	}

	/**
	 * Puts a guard at the bottom of a new connection's input and starts its clock.
	 *
	 * @param connection    the connection just accepted, before Undertow wraps its input
	 * @param timeoutMillis how long, in milliseconds, the connection may send nothing while it is read; at least 1
	 */
	static void install(StreamConnection connection, long timeoutMillis) {
		if (timeoutMillis < 1) {
			throw new IllegalArgumentException("a read stall timeout is at least 1 ms: " + timeoutMillis);
		}
		ConduitStreamSourceChannel source = connection.getSourceChannel();
		ReadStallGuard guard = new ReadStallGuard(source.getConduit(), connection, timeoutMillis);
		source.setConduit(guard);
		guard.schedule();
	}

	private void schedule() {
		tick = connection.getIoThread().executeAfter(this, tickMillis, TimeUnit.MILLISECONDS);
	}

	private void cancel() {
		XnioExecutor.Key key = tick;
		if (key != null) {
			key.remove();
			tick = null;
		}
	}

	/** The tick, on the connection's IO thread: counts quiet ticks while reading is wanted, and cuts the connection at the last. */
	@Override
	public void run() {
		tick = null;
		if (!connection.isOpen()) {
			return;
		}
		if ((boolean) ACTIVE.getAndSet(this, false) || !next.isReadResumed()) {
			quietTicks = 0;
		} else if (++quietTicks >= TICKS) {
			cut();
			return;
		}
		schedule();
	}

	private void cut() {
		stalled = true;
		ConduitStreamSourceChannel source = connection.getSourceChannel();
		// the listener waiting for bytes reads once more and fails, as under READ_TIMEOUT; then the connection closes
		if (source.getReadListener() != null) {
			ChannelListeners.invokeChannelListener(source, source.getReadListener());
		}
		IoUtils.safeClose(connection);
	}

	private void checkStalled() throws ReadTimeoutException {
		if (stalled) {
			throw new ReadTimeoutException("no bytes from the client for " + timeoutMillis + " ms while reading its request; the fake closes the connection");
		}
	}

	private void sawBytes(long read) {
		if (read != 0) {
			markActive();
		}
	}

	/** Only a tick clears the mark: a volatile read, and a volatile write (a fence) only when it was cleared. */
	private void markActive() {
		if (!active) {
			active = true;
		}
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		checkStalled();
		int read = next.read(dst);
		sawBytes(read);
		return read;
	}

	@Override
	public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
		checkStalled();
		long read = next.read(dsts, offs, len);
		sawBytes(read);
		return read;
	}

	@Override
	public long transferTo(long position, long count, FileChannel target) throws IOException {
		checkStalled();
		long read = next.transferTo(position, count, target);
		sawBytes(read);
		return read;
	}

	@Override
	public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
		checkStalled();
		long read = next.transferTo(count, throughBuffer, target);
		sawBytes(read);
		return read;
	}

	/** Reading starts (again): the quiet time counts from now, as under {@code READ_TIMEOUT}. */
	@Override
	public void resumeReads() {
		markActive();
		next.resumeReads();
	}

	@Override
	public void wakeupReads() {
		markActive();
		next.wakeupReads();
	}

	/** The handler is wrapped so that a connection closing for any reason cancels the tick at once. */
	@Override
	public void setReadReadyHandler(ReadReadyHandler handler) {
		next.setReadReadyHandler(new ReadReadyHandler() {
			@Override
			public void readReady() {
				handler.readReady();
			}

			@Override
			public void forceTermination() {
				cancel();
				handler.forceTermination();
			}

			@Override
			public void terminated() {
				cancel();
				handler.terminated();
			}
		});
	}
}
