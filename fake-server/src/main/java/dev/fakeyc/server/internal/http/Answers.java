package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.internal.answer.ErrorBodies;
import dev.fakeyc.server.internal.answer.RequestIds;
import dev.fakeyc.server.internal.catalog.ErrorStyle;
import dev.fakeyc.server.internal.decision.Verdict;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing responses onto an exchange. */
final class Answers {
	static final byte[] EMPTY = new byte[0];

	private Answers() {
	}

	static void commonHeaders(HttpServerExchange exchange, String requestId) {
		HeaderMap h = exchange.getResponseHeaders();
		h.put(FakeHttpHandler.REQUEST_ID, requestId);
		h.put(FakeHttpHandler.TRACE_ID, RequestIds.traceId());
	}

	static void send(HttpServerExchange exchange, String requestId, int status, Map<String, String> headers, byte[] body) {
		exchange.setStatusCode(status);
		commonHeaders(exchange, requestId);
		HeaderMap h = exchange.getResponseHeaders();
		headers.forEach((name, value) -> h.put(HttpString.tryFromString(name), value));
		exchange.getResponseSender().send(ByteBuffer.wrap(body));
	}

	/** {@link #send(HttpServerExchange, String, int, Map, byte[])} with headers already converted for the wire. */
	static void send(HttpServerExchange exchange, String requestId, int status, HttpString[] names, String[] values, byte[] body) {
		exchange.setStatusCode(status);
		commonHeaders(exchange, requestId);
		HeaderMap h = exchange.getResponseHeaders();
		for (int i = 0; i < names.length; i++) {
			h.put(names[i], values[i]);
		}
		exchange.getResponseSender().send(ByteBuffer.wrap(body));
	}

	/** A refusal of the decision stage: its status, and its message in the route's error style. */
	static void refusal(HttpServerExchange exchange, ErrorStyle style, Verdict verdict, String requestId) {
		exchange.setStatusCode(verdict.httpStatus());
		commonHeaders(exchange, requestId);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
		exchange.getResponseSender().send(ByteBuffer.wrap(ErrorBodies.body(style, verdict.httpStatus(), verdict.grpcCode(), verdict.message(), requestId)));
	}

	/** An unknown route: 404, empty body, as the cloud's Envoy answers (reference §4.2 d). */
	static void noRoute(HttpServerExchange exchange, String requestId) {
		exchange.setStatusCode(404);
		commonHeaders(exchange, requestId);
		exchange.getResponseHeaders().put(FakeHttpHandler.ENVOY_FLAGS, "NR");
		exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
		exchange.endExchange();
	}

	/** A failure of the fake itself or of the request framing: the standard error shape, never a stack trace. */
	static void plainError(HttpServerExchange exchange, int status, String message) {
		error(exchange, status, status >= 500 ? 13 : 3, message);
	}

	/** An error in the standard shape, its request id in the body and in {@code x-request-id}. */
	static void error(HttpServerExchange exchange, int status, int grpcCode, String message) {
		if (exchange.isResponseStarted()) {
			exchange.endExchange();
			return;
		}
		String requestId = RequestIds.requestId();
		exchange.setStatusCode(status);
		commonHeaders(exchange, requestId);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
		exchange.getResponseSender().send(ByteBuffer.wrap(
				ErrorBodies.body(ErrorStyle.STANDARD, status, grpcCode, message, requestId)));
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}
}
