package dev.fakeyc.server.internal.http;

import io.undertow.server.HttpServerExchange;

import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;

/**
 * Reads a request body without blocking, up to a limit. Over the limit (a chunked body can't be
 * checked up front) it answers 413 in the standard shape and closes the connection, where Undertow's
 * own entity limit would just drop the connection.
 */
final class BodyReader {
	private final long max;
	private final BiConsumer<HttpServerExchange, byte[]> onBody;
	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
	private boolean answered;

	private BodyReader(long max, BiConsumer<HttpServerExchange, byte[]> onBody) {
		this.max = max;
		this.onBody = onBody;
	}

	/**
	 * Reads the exchange's body, then calls {@code onBody} with it (on the IO thread); past {@code max} bytes, answers
	 * 413 instead.
	 *
	 * @param max the most bytes accepted: the fake's body limit, which {@link LimitsHandler} already checked against a
	 *            declared Content-Length
	 */
	static void read(HttpServerExchange exchange, long max, BiConsumer<HttpServerExchange, byte[]> onBody) {
		BodyReader reader = new BodyReader(max, onBody);
		exchange.getRequestReceiver().receivePartialBytes(reader::chunk, reader::failed);
	}

	private void chunk(HttpServerExchange exchange, byte[] bytes, boolean last) {
		if (answered) {
			return;
		}
		if (buffer.size() + (long) bytes.length > max) {
			answered = true;
			exchange.setPersistent(false);
			Answers.plainError(exchange, 413, "request body is larger than " + max + " bytes, the most the fake accepts");
			return;
		}
		buffer.write(bytes, 0, bytes.length);
		if (last) {
			answered = true;
			onBody.accept(exchange, buffer.toByteArray());
		}
	}

	private void failed(HttpServerExchange exchange, Exception e) {
		if (!answered) {
			answered = true;
			exchange.setPersistent(false);
			Answers.plainError(exchange, 400, "request body could not be read: " + e.getMessage());
		}
	}
}
