package dev.fakeyc.server.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * Refuses requests the fake will not read, with a clear 4xx in the standard error shape, before the
 * request path runs: URLs, header sections and bodies over their limits. Undertow's own limits are
 * set higher (see FakeYandexCloud), because Undertow answers them with a bare 400 and no body.
 */
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
		long length = exchange.getRequestContentLength();
		if (length > maxBodySize) {
			refuse(exchange, 413, "request body is " + length + " bytes; the fake accepts at most " + maxBodySize);
			return;
		}
		// not exchange.setMaxEntitySize: Undertow drops the connection on overflow, BodyReader answers 413.
		// Only a request that may have a body gets it: the attachment map is made on first put.
		if (length > 0 || (length < 0 && exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING))) {
			exchange.putAttachment(BodyReader.LIMIT, maxBodySize);
		}
		next.handleRequest(exchange);
	}

	private static int headerBytes(HttpServerExchange exchange) {
		int total = 0;
		for (HeaderValues values : exchange.getRequestHeaders()) {
			int name = values.getHeaderName().length() + 4; // ": " and CRLF
			for (String v : values) {
				total += name + v.length();
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
