package dev.fakeyc.bench;

import io.undertow.Undertow;
import io.undertow.util.Headers;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The cold-start reference: bare Undertow (the fake's version) as a jar of its own
 * ({@code bench/harness/target/bare-undertow-standalone.jar}: this class and Undertow's jars, nothing of fakeyc), started
 * as the fake's standalone jar is ({@code java -jar JAR --port 0}) and printing the same {@code listening on
 * http://HOST:PORT} line. Every request gets the fake's answer to a request without a credential (401, a JSON body
 * of about the same size), so {@link ColdStartMain} times both the same way.
 */
public final class BareStandaloneMain {
	private static final byte[] REFUSED = ("{\"code\":16,\"message\":\"The request is missing a valid API key or IAM token\","
			+ "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"00000000-0000-4000-8000-000000000000\"}]}")
			.getBytes(StandardCharsets.UTF_8);

	private BareStandaloneMain() {
	}

	public static void main(String[] args) {
		int port = 0;
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals("--port")) {
				port = Integer.parseInt(args[i + 1]);
			}
		}
		Undertow server = Undertow.builder()
				.addHttpListener(port, "127.0.0.1")
				.setHandler(exchange -> {
					exchange.setStatusCode(401);
					exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
					exchange.getResponseSender().send(ByteBuffer.wrap(REFUSED));
				})
				.build();
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
		System.out.println("listening on http://127.0.0.1:" + bound);
		System.out.flush();
	}
}
