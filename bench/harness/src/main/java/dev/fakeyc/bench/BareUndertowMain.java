package dev.fakeyc.bench;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference: bare Undertow (the fake's version, the same IO threads) answering the benchmark's
 * requests with the least work possible. The path picks the request's case; one string comparison
 * of the {@code Authorization} header picks the answer. The answers have the same status, headers
 * and body sizes as the fake's, so both put the same bytes on the wire.
 *
 * <pre>
 * BareUndertowMain --port 18081 --io-threads 2 \
 *     --route "/compute/v1/instances|Bearer t1.…|200|2|401|163"
 * </pre>
 * A route is {@code path|expected Authorization|status when equal|body bytes|status otherwise|body bytes}.
 * {@code --cached-header-chars N} sets Undertow's {@code MAX_CACHED_HEADER_SIZE} (default 150, Undertow's own), for
 * comparing with the fake, which sets 512: how much of the fake's Bearer figure is that parser setting alone.
 */
public final class BareUndertowMain {
	private static final HttpString REQUEST_ID = HttpString.tryFromString("x-request-id");
	private static final HttpString TRACE_ID = HttpString.tryFromString("x-server-trace-id");
	private static final String REQUEST_ID_VALUE = "00000000-0000-4000-8000-000000000000";
	private static final String TRACE_ID_VALUE = "0000000000000000:0000000000000000:0000000000000000:1";

	private record Answer(int status, byte[] body) {
	}

	private record Case(String expected, Answer equal, Answer otherwise) {
	}

	private BareUndertowMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		Args a = Args.parse(args);
		Map<String, Case> cases = new HashMap<>();
		for (String spec : a.all("--route")) {
			String[] p = spec.split("\\|", -1);
			cases.put(p[0], new Case(p[1], answer(p[2], p[3]), answer(p[4], p[5])));
		}
		Undertow server = Undertow.builder()
				.addHttpListener(a.intValue("--port", 0), "127.0.0.1")
				.setIoThreads(a.intValue("--io-threads", 2))
				.setServerOption(UndertowOptions.MAX_CACHED_HEADER_SIZE, a.intValue("--cached-header-chars", UndertowOptions.DEFAULT_MAX_CACHED_HEADER_SIZE))
				.setHandler(handler(cases))
				.build();
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		System.out.println("pid " + ProcessHandle.current().pid() + " listening on http://127.0.0.1:" + a.intValue("--port", 0));
		System.out.flush();
		Thread.currentThread().join();
	}

	private static Answer answer(String status, String bytes) {
		// JSON-looking filler of exactly the fake's length
		byte[] body = new byte[Integer.parseInt(bytes)];
		java.util.Arrays.fill(body, (byte) ' ');
		if (body.length >= 2) {
			body[0] = '{';
			body[body.length - 1] = '}';
		}
		return new Answer(Integer.parseInt(status), body);
	}

	private static HttpHandler handler(Map<String, Case> cases) {
		return (HttpServerExchange exchange) -> {
			Case c = cases.get(exchange.getRequestPath());
			if (c == null) {
				exchange.setStatusCode(404);
				exchange.endExchange();
				return;
			}
			Answer answer = c.expected.equals(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION)) ? c.equal : c.otherwise;
			exchange.setStatusCode(answer.status);
			HeaderMap h = exchange.getResponseHeaders();
			h.put(REQUEST_ID, REQUEST_ID_VALUE);
			h.put(TRACE_ID, TRACE_ID_VALUE);
			h.put(Headers.CONTENT_TYPE, "application/json");
			exchange.getResponseSender().send(ByteBuffer.wrap(answer.body));
		};
	}

}
