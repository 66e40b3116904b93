package dev.fakeyc.server.internal.http;

import org.apiguardian.api.API;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import dev.fakeyc.server.internal.text.Excerpt;

/**
 * Refuses requests the fake will not read, with a clear 4xx in the standard error shape, before the
 * request path runs: URLs, header sections and bodies over their limits. Undertow's own limits are
 * set higher (see the engine, internal/engine/Engine), because Undertow answers them with a bare 400 and no body.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class LimitsHandler implements HttpHandler {
	private final HttpHandler next;
	private final int maxUrlLength;
	private final int maxHeaderBytes;
	private final long maxBodySize;

	public LimitsHandler(HttpHandler next, int maxUrlLength, int maxHeaderBytes, long maxBodySize) {
		this.next = next;
		this.maxUrlLength = maxUrlLength;
		this.maxHeaderBytes = maxHeaderBytes;
		this.maxBodySize = maxBodySize;
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) throws Exception {
		int urlLength = exchange.getRequestURI().length() + exchange.getQueryString().length();
		if (urlLength > maxUrlLength) {
			refuse(exchange, 414, "request URL is " + urlLength + " characters long; the fake accepts at most " + maxUrlLength);
			return;
		}
		int headerBytes = headerBytes(exchange);
		if (headerBytes > maxHeaderBytes) {
			refuse(exchange, 431, "request headers take " + headerBytes + " bytes; the fake accepts at most " + maxHeaderBytes);
			return;
		}
		String framing = framingProblem(exchange);
		if (framing != null) {
			refuse(exchange, 400, framing);
			return;
		}
		long length = exchange.getRequestContentLength();
		if (length > maxBodySize) {
			refuse(exchange, 413, "request body is " + length + " bytes; the fake accepts at most " + maxBodySize);
			return;
		}
		// not exchange.setMaxEntitySize: Undertow drops the connection on overflow; the handler's BodyReader, given the
		// same limit, answers 413 for a chunked body past it
		next.handleRequest(exchange);
	}

	/**
	 * What is wrong with the body's framing, or null: every declared size is read here, digit by
	 * digit, before Undertow or a handler trusts it (a Content-Length past a long's range or with
	 * anything but digits, more than one Content-Length, a Transfer-Encoding other than
	 * {@code chunked}). Values are quoted cut short.
	 */
	static String framingProblem(HttpServerExchange exchange) {
		HeaderValues lengths = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
		HeaderValues encodings = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
		if (lengths != null && !lengths.isEmpty()) {
			if (lengths.size() > 1) {
				return "request declares Content-Length " + lengths.size() + " times; send it once";
			}
			String value = lengths.getFirst().strip();
			if (value.isEmpty() || value.length() > 18 || !digitsOnly(value)) {
				return "Content-Length '" + Excerpt.of(value, 32) + "' is not a whole number of bytes from 0 to 999999999999999999";
			}
		}
		if (encodings != null && !encodings.isEmpty()) {
			if (lengths != null && !lengths.isEmpty()) {
				return "request declares both Content-Length and Transfer-Encoding; send one";
			}
			if (encodings.size() > 1 || !encodings.getFirst().strip().equalsIgnoreCase("chunked")) {
				return "Transfer-Encoding '" + Excerpt.of(String.join(", ", encodings), 32)
						+ "' is not supported; send the body with Content-Length or Transfer-Encoding: chunked";
			}
		}
		return null;
	}

	private static boolean digitsOnly(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int headerBytes(HttpServerExchange exchange) {
		int total = 0;
		HeaderMap headers = exchange.getRequestHeaders();
		for (long cookie = headers.fastIterateNonEmpty(); cookie != -1L; cookie = headers.fiNextNonEmpty(cookie)) {
			HeaderValues values = headers.fiCurrent(cookie);
			int name = values.getHeaderName().length() + 4; // ": " and CRLF
			for (int i = 0; i < values.size(); i++) {
				total += name + values.get(i).length();
			}
		}
		return total;
	}

	private static void refuse(HttpServerExchange exchange, int status, String message) {
		// the body may not have been read: close the connection instead of draining it
		exchange.setPersistent(false);
		Answers.plainError(exchange, status, message);
	}

	@Override
	public String toString() {
		return "LimitsHandler[url<=" + maxUrlLength + ", headers<=" + maxHeaderBytes + " bytes, body<=" + maxBodySize + " bytes]";
	}
}
