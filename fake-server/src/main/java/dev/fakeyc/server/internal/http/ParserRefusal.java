package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.internal.answer.GrpcStatus;
import dev.fakeyc.server.internal.answer.ErrorBodies;
import dev.fakeyc.server.internal.answer.RequestIds;
import dev.fakeyc.server.internal.catalog.ErrorStyle;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bottom of a connection's output: passes every byte through, except Undertow's own refusal of
 * a request its HTTP parser could not read (a fixed {@code 400 Bad Request} with no body, sent
 * before the connection is closed), which it replaces with the fake's answer in the standard error
 * shape. Undertow refuses this way whatever the parse failure: a malformed request line or header,
 * a Content-Length that is not a number, both Content-Length and Transfer-Encoding, two
 * Content-Lengths, more than {@code MAX_HEADERS} headers, a header section over
 * {@code MAX_HEADER_SIZE}, the HTTP/2 preface on this HTTP/1.1 port.
 */
final class ParserRefusal extends AbstractStreamSinkConduit<StreamSinkConduit> {
	/** What Undertow's HttpReadListener writes when parsing fails, byte for byte (Undertow 2.3). */
	static final byte[] BARE_400 = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
	/** The message of the fake's answer in its place. */
	static final String MESSAGE = "the request could not be parsed as HTTP/1.1: a malformed request line or header, a Content-Length that is not"
			+ " a number, both Content-Length and Transfer-Encoding, Content-Length twice, more than 1000 headers, a header section over"
			+ " 1 MiB, or HTTP/2 on this HTTP/1.1 port; the fake closes the connection";

	private ByteBuffer pending; // the fake's answer, while not all of it is written

	ParserRefusal(StreamSinkConduit next) {
		super(next);
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		int replaced = replaceBare400(src);
		if (replaced >= 0) {
			return replaced;
		}
		if (pending != null && !writePending()) {
			return 0;
		}
		return super.write(src);
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		if (pending != null && !writePending()) {
			return 0;
		}
		return super.write(srcs, offset, length);
	}

	@Override
	public int writeFinal(ByteBuffer src) throws IOException {
		int replaced = replaceBare400(src);
		if (replaced >= 0) {
			return replaced;
		}
		if (pending != null && !writePending()) {
			return 0;
		}
		return super.writeFinal(src);
	}

	@Override
	public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
		if (pending != null && !writePending()) {
			return 0;
		}
		return super.writeFinal(srcs, offset, length);
	}

	@Override
	public boolean flush() throws IOException {
		return (pending == null || writePending()) && super.flush();
	}

	/**
	 * If {@code src} is Undertow's bare 400, takes all of it and starts writing the fake's answer instead.
	 *
	 * @return how many bytes of {@code src} were taken, or -1 when it is not the bare 400 (or an answer is under way)
	 */
	private int replaceBare400(ByteBuffer src) throws IOException {
		if (pending != null || !isBare400(src)) {
			return -1;
		}
		int length = src.remaining();
		src.position(src.limit());
		pending = ByteBuffer.wrap(answer());
		writePending();
		return length;
	}

	/** Writes what is left of the answer; true once all of it is written. */
	private boolean writePending() throws IOException {
		while (pending.hasRemaining()) {
			if (next.write(pending) == 0) {
				return false;
			}
		}
		pending = null;
		return true;
	}

	private static boolean isBare400(ByteBuffer src) {
		if (src.remaining() != BARE_400.length) {
			return false;
		}
		int p = src.position();
		for (int i = 0; i < BARE_400.length; i++) {
			if (src.get(p + i) != BARE_400[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] answer() {
		String requestId = RequestIds.requestId();
		byte[] body = ErrorBodies.body(ErrorStyle.STANDARD, 400, GrpcStatus.INVALID_ARGUMENT.code(), MESSAGE, requestId);
		String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n"
				+ "x-request-id: " + requestId + "\r\nx-server-trace-id: " + RequestIds.traceId() + "\r\n\r\n";
		byte[] h = head.getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[h.length + body.length];
		System.arraycopy(h, 0, all, 0, h.length);
		System.arraycopy(body, 0, all, h.length, body.length);
		return all;
	}
}
