package dev.fakeyc.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of a server process to its first answered request: launches the command, waits for the
 * {@code listening on http://HOST:PORT} line the standalone contract promises, sends one GET and
 * stops the clock when the answer (any status) is read. The client is warmed first, so the time is
 * the server's. Prints {@code cold-start median p90 min} in milliseconds.
 *
 * <pre>ColdStartMain --runs 5 -- java -jar fake-server/target/fakeyc-server-0.1.0-SNAPSHOT-standalone.jar --port 0</pre>
 */
public final class ColdStartMain {
	private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

	private ColdStartMain() {
	}

	public static void main(String[] args) throws Exception {
		int dash = Arrays.asList(args).indexOf("--");
		if (dash < 0) {
			throw new IllegalArgumentException("usage: ColdStartMain [--runs N] -- command...");
		}
		Args a = Args.parse(Arrays.copyOfRange(args, 0, dash));
		List<String> command = List.of(Arrays.copyOfRange(args, dash + 1, args.length));
		int runs = a.intValue("--runs", 5);
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		warm(client);
		long[] times = new long[runs];
		for (int i = 0; i < runs; i++) {
			times[i] = once(command, client);
		}
		Arrays.sort(times);
		System.out.printf("cold-start %.1f %.1f %.1f%n", StartStopMain.ms(StartStopMain.pct(times, 50)),
				StartStopMain.ms(StartStopMain.pct(times, 90)), StartStopMain.ms(times[0]));
	}

	/** Loads and JIT-warms the client's own classes against a throwaway local server. */
	private static void warm(HttpClient client) throws Exception {
		com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		s.createContext("/", e -> {
			e.sendResponseHeaders(204, -1);
			e.close();
		});
		s.start();
		try {
			for (int i = 0; i < 50; i++) {
				client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/")).build(),
						HttpResponse.BodyHandlers.discarding());
			}
		} finally {
			s.stop(0);
		}
	}

	private static long once(List<String> command, HttpClient client) throws Exception {
		long t0 = System.nanoTime();
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String base = awaitListening(p);
			HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/compute/v1/instances")).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding());
			long t1 = System.nanoTime();
			if (r.statusCode() != 401) {
				System.err.println("note: the first answer was " + r.statusCode() + ", expected 401 (no credential)");
			}
			return t1 - t0;
		} finally {
			p.destroy();
			if (!p.waitFor(10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
			}
		}
	}

	private static String awaitListening(Process p) throws IOException {
		BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = out.readLine()) != null) {
			Matcher m = LISTENING.matcher(line);
			if (m.find()) {
				// keep draining so a chatty server never blocks on a full pipe
				// until the process is destroyed, which closes the pipe under the reader: that end is expected, not news
				Thread drain = new Thread(() -> {
					try {
						out.lines().forEach(l -> { });
					} catch (java.io.UncheckedIOException closed) {
						// the server was stopped
					}
				});
				drain.setDaemon(true);
				drain.start();
				return m.group(1);
			}
		}
		throw new IOException("the server exited without printing 'listening on http://HOST:PORT'");
	}
}
