package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.StreamChunk;
import dev.fakeyc.server.StreamScript;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes a streamed answer onto an exchange, chunk by chunk, each flushed as it is written: the opening, each chunk
 * after the script's pause, then the closing; or, where the script breaks off, a closed connection instead of the
 * rest. Never blocks an IO thread: writes that cannot complete wait for the channel to become writable, and pauses are
 * timers on the connection's IO thread.
 */
final class StreamWriter {
	private final HttpServerExchange exchange;
	private final StreamRenderer renderer;
	private final List<StreamChunk> chunks;
	private final long pauseNanos;
	private final int breakOffAfter;
	private StreamSinkChannel channel;

	private StreamWriter(HttpServerExchange exchange, StreamRenderer renderer, StreamScript script) {
		this.exchange = exchange;
		this.renderer = renderer;
		this.chunks = script.chunks();
		this.pauseNanos = script.pause().toNanos();
		this.breakOffAfter = script.breakOffAfter();
	}

	/** Sends {@code 200} with the renderer's Content-Type and streams the script; the common headers are already set. */
	static void start(HttpServerExchange exchange, StreamRenderer renderer, StreamScript script) {
		exchange.setStatusCode(200);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, renderer.contentType());
		exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
		StreamWriter writer = new StreamWriter(exchange, renderer, script);
		// dispatched so that Undertow does not end the exchange when the handler returns; runs on this IO thread
		exchange.dispatch(SameThreadExecutor.INSTANCE, writer::begin);
	}

	private void begin() {
		channel = exchange.getResponseChannel();
		write(renderer.opening(), () -> next(0));
	}

	/** Sends chunk {@code i} (after the pause, unless it is the first), or ends the stream. */
	private void next(int i) {
		if (i == breakOffAfter) {
			if (i > 0 && pauseNanos > 0) {
				exchange.getIoThread().executeAfter(this::breakOff, pauseNanos, TimeUnit.NANOSECONDS); // where chunk i would have come
			} else {
				breakOff();
			}
			return;
		}
		if (i == chunks.size()) {
			write(renderer.closing(), exchange::endExchange);
			return;
		}
		Runnable send = () -> {
			byte[] bytes;
			try {
				bytes = renderer.chunk(chunks.get(i));
			} catch (RuntimeException e) {
				breakOff(); // a chunk the format cannot render: end the stream rather than leave it hanging
				return;
			}
			write(bytes, () -> next(i + 1));
		};
		if (i == 0) {
			send.run();
		} else if (pauseNanos > 0) {
			exchange.getIoThread().executeAfter(send, pauseNanos, TimeUnit.NANOSECONDS);
		} else {
			exchange.getIoThread().execute(send); // not a nested call per chunk: a long script must not deepen the stack
		}
	}

	/** Writes and flushes {@code bytes}, then runs {@code then}; a client gone away ends the stream. */
	private void write(byte[] bytes, Runnable then) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		writeRemaining(buffer, then);
	}

	private void writeRemaining(ByteBuffer buffer, Runnable then) {
		try {
			while (buffer.hasRemaining()) {
				if (channel.write(buffer) == 0) {
					whenWritable(() -> writeRemaining(buffer, then));
					return;
				}
			}
			flush(then);
		} catch (IOException e) {
			breakOff(); // the client closed the connection: nothing more to send
		}
	}

	private void flush(Runnable then) {
		try {
			if (channel.flush()) {
				then.run();
			} else {
				whenWritable(() -> flush(then));
			}
		} catch (IOException e) {
			breakOff();
		}
	}

	private void whenWritable(Runnable retry) {
		channel.getWriteSetter().set(c -> {
			c.suspendWrites();
			c.getWriteSetter().set(null);
			retry.run();
		});
		channel.resumeWrites();
	}

	/** Closes the connection mid-stream: the client sees the body end without the stream's proper end. */
	private void breakOff() {
		IoUtils.safeClose(exchange.getConnection());
	}
}
