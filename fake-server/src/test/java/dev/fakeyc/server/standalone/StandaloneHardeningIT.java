package dev.fakeyc.server.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 with the real jar as a process, where the process matters: memory under the README's CI
 * flags, signals at every point of its life, and a watched config file that turns hostile.
 */
class StandaloneHardeningIT {
	private static final List<String> CI_FLAGS = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=32m");
	private static final String TOKEN = "t1.watchedTokenThatMustKeepWorking00000001";
	private static final String GOOD = """
			{ "serviceAccounts": [ { "id": "ajesa1", "folderId": "b1gfolder1" } ],
			  "iamTokens": [ { "token": "%s", "subjectId": "ajesa1" } ] }
			""".formatted(TOKEN);
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private HttpResponse<String> send(String method, URI base, String path, String authorization, String body) throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static boolean stackTrace(String line) {
		return line.startsWith("\tat ") || line.startsWith("at ") || line.startsWith("Caused by:") || line.contains("Exception in thread");
	}

	/** Kind 1, the instance: 990 small headers a request, 300 requests on one connection, under -Xmx32m: all answered, and SIGTERM still stops it with 0. */
	@Test
	void manyHeadersUnderTheCiFlagsKeepItAnsweringAndStoppable() throws Exception {
		try (Standalone jar = Standalone.startWithJvm(CI_FLAGS, "--port", "0", "--quiet")) {
			URI url = jar.awaitListening();
			StringBuilder head = new StringBuilder("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\n");
			for (int i = 0; i < 990; i++) {
				head.append("X-Header-").append(i).append(": value-").append(i).append("\r\n");
			}
			byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
			try (Socket socket = new Socket(url.getHost(), url.getPort())) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				for (int i = 0; i < 300; i++) {
					out.write(request);
					out.flush();
					assertThat(dev.fakeyc.server.RawHttp.readResponse(in).status()).as("response %d", i).isEqualTo(401);
				}
			}
			HttpResponse<String> health = send("GET", url, "/_fakeyc/health", null, null);
			assertThat(health.statusCode()).isEqualTo(200);
			HttpResponse<String> journal = send("GET", url, "/_fakeyc/journal", null, null);
			assertThat(journal.statusCode()).isEqualTo(200);
			assertThat(journal.body().length()).isLessThan(2 * 1024 * 1024);

			jar.terminate();

			assertThat(jar.awaitExit()).isZero();
		}
	}

	/** Kind 5: SIGTERM before the listening line (the jar still reading its config) exits 0, not 143. */
	@Test
	@EnabledOnOs(OS.LINUX)
	void sigtermBeforeTheListeningLineExits0(@TempDir Path dir) throws Exception {
		Path fifo = dir.resolve("cloud.json");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).isZero();
		try (Standalone jar = Standalone.start("--port", "0", "--config", fifo.toString())) {
			// opening the pipe for writing returns once the jar has opened it for reading: it is inside startup then
			ExecutorService opener = Executors.newSingleThreadExecutor();
			Future<OutputStream> writer = opener.submit(() -> Files.newOutputStream(fifo));
			OutputStream out = writer.get(20, TimeUnit.SECONDS);

			jar.terminate();

			assertThat(jar.awaitExit()).isZero();
			assertThat(jar.out).noneMatch(l -> l.contains("listening on"));
			out.close();
			opener.shutdownNow();
		}
	}

	/** Kind 5: SIGTERM under load exits 0 without stack traces on stderr, and with --quiet prints nothing there at all. */
	@Test
	void sigtermUnderLoadPrintsNoStackTraces() throws Exception {
		for (boolean quiet : new boolean[]{ false, true }) {
			try (Standalone jar = quiet ? Standalone.start("--port", "0", "--quiet") : Standalone.start("--port", "0")) {
				URI url = jar.awaitListening();
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicLong answered = new AtomicLong();
				ExecutorService load = Executors.newFixedThreadPool(6);
				for (int t = 0; t < 6; t++) {
					load.submit(() -> {
						// raw keep-alive connections, some left half-sent: the stop cuts them mid-request
						while (running.get()) {
							try (Socket s = new Socket(url.getHost(), url.getPort())) {
								OutputStream out = s.getOutputStream();
								for (int i = 0; i < 50 && running.get(); i++) {
									out.write("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer t1.x\r\n\r\nGET /comp".getBytes(StandardCharsets.US_ASCII));
									out.write("ute/v1/instances HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
									out.flush();
									answered.incrementAndGet();
								}
							} catch (IOException stopped) {
								// the server went away: expected once SIGTERM lands
							}
						}
						return null;
					});
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> answered.get() > 500);

				jar.terminate();

				assertThat(jar.awaitExit()).isZero();
				running.set(false);
				load.shutdown();
				assertThat(load.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
				assertThat(jar.err).as("stderr").noneMatch(StandaloneHardeningIT::stackTrace).noneMatch(l -> l.contains("UT005090"));
				if (quiet) {
					assertThat(jar.err).as("stderr with --quiet").isEmpty();
				}
			}
		}
	}

	/** Kind 4: a config file past the parser's limits at startup exits 2 with a message, not 1 with a stack trace. */
	@Test
	void aHostileConfigAtStartupExits2(@TempDir Path dir) throws Exception {
		for (String content : List.of("[".repeat(100_000), "{\"serviceAccounts\":[{\"id\":\"a\",\"folderId\":" + "9".repeat(5_000) + "}]}",
				"{\"" + "k".repeat(100_000) + "\":1}")) {
			Path config = Files.writeString(dir.resolve("cloud.json"), content);
			try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString())) {
				assertThat(jar.awaitExit()).isEqualTo(2);
				await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
				assertThat(jar.err.get(0)).startsWith("fakeyc: " + config + ": $").hasSizeLessThan(1600);
				assertThat(jar.err).noneMatch(StandaloneHardeningIT::stackTrace);
			}
		}
		Path notUtf8 = Files.write(dir.resolve("latin1.json"), new byte[]{ '{', '"', (byte) 0xE9, '"', ':', '1', '}' });
		try (Standalone jar = Standalone.start("--port", "0", "--config", notUtf8.toString())) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).isEqualTo("fakeyc: " + notUtf8 + ": is not UTF-8 text; save it as UTF-8");
		}
	}

	/** Kind 4: --watch survives every hostile version of its file, says why it keeps the last good config, and reloads the next good one. */
	@Test
	void watchSurvivesAnyFileContent(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), GOOD);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--watch", "--quiet")) {
			URI url = jar.awaitListening();
			List<String> expected = new ArrayList<>();

			hostile(jar, url, expected, () -> replace(config, "[".repeat(100_000)), "not valid JSON");
			hostile(jar, url, expected, () -> replace(config, "{\"serviceAccounts\":[{\"id\":\"a\",\"folderId\":" + "9".repeat(5_000) + "}]}"),
					"not valid JSON");
			hostile(jar, url, expected, () -> replace(config, "{\"" + "k".repeat(100_000) + "\":1}"), "not valid JSON");
			hostile(jar, url, expected, () -> replace(config, new byte[]{ '{', '"', (byte) 0xE9, '"', ':', '1', '}' }), "is not UTF-8 text");
			hostile(jar, url, expected, () -> {
				Files.delete(config);
				Files.createDirectory(config);
			}, "is a directory");
			hostile(jar, url, expected, () -> {
				Files.delete(config);
				Files.createSymbolicLink(config, dir.resolve("nowhere.json"));
			}, "is a link to a file that does not exist");
			Files.delete(config);
			replace(config, GOOD.replace("b1gfolder1", "b1gfolder2"));

			await().atMost(Duration.ofSeconds(10)).until(() -> jar.err.stream().anyMatch(l -> l.endsWith(" reloaded")));
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer " + TOKEN, null).statusCode()).isEqualTo(200);
			assertThat(jar.err).noneMatch(StandaloneHardeningIT::stackTrace);
		}
	}

	/** Saves as editors do: a new file renamed over the old one, so the watcher never reads a half-written file. */
	private static void replace(Path file, String content) throws IOException {
		replace(file, content.getBytes(StandardCharsets.UTF_8));
	}

	private static void replace(Path file, byte[] content) throws IOException {
		Path next = Files.write(file.resolveSibling(file.getFileName() + ".next"), content);
		Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

	private interface Edit {
		void run() throws IOException;
	}

	private void hostile(Standalone jar, URI url, List<String> said, Edit edit, String why) throws Exception {
		int before = jar.err.size();
		edit.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> jar.err.size() > before);
		String line = jar.err.get(before);
		assertThat(line).contains(why).endsWith("; keeping the last good config").hasSizeLessThan(1600);
		said.add(line);
		assertThat(send("GET", url, "/compute/v1/instances", "Bearer " + TOKEN, null).statusCode()).as("after: " + why).isEqualTo(200);
		assertThat(send("GET", url, "/_fakeyc/health", null, null).statusCode()).isEqualTo(200);
	}

	/**
	 * Kind 3 through the jar: rewriting the watched file under load refuses the file's own token zero
	 * times, and credentials added at runtime (control API, token exchange) survive an unrelated edit.
	 */
	@Test
	void watchReloadsUnderLoadWithoutAWrongDecision(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), GOOD);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--watch", "--quiet")) {
			URI url = jar.awaitListening();
			assertThat(send("POST", url, "/_fakeyc/credentials", null, "{\"serviceAccounts\":[{\"id\":\"ajeruntime\",\"folderId\":\"b1g\"}],"
					+ "\"iamTokens\":[{\"token\":\"t1.runtimeToken\",\"subjectId\":\"ajeruntime\"}]}").statusCode()).isEqualTo(200);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong wrong = new AtomicLong();
			AtomicLong sent = new AtomicLong();
			ExecutorService load = Executors.newFixedThreadPool(3);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				workers.add(load.submit(() -> {
					HttpRequest request = HttpRequest.newBuilder(url.resolve("/compute/v1/instances")).header("Authorization", "Bearer " + TOKEN).build();
					while (running.get()) {
						if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
							wrong.incrementAndGet();
						}
						sent.incrementAndGet();
					}
					return null;
				}));
			}
			for (int i = 0; i < 12; i++) {
				int reloads = (int) jar.err.stream().filter(l -> l.endsWith(" reloaded")).count();
				// the same declarations, and every other time an unrelated account more
				replace(config, i % 2 == 0 ? GOOD.replace("\"iamTokens\"", "\"userAccounts\": [ { \"id\": \"ajeuser" + i + "\" } ], \"iamTokens\"")
						: GOOD + " ".repeat(i));
				await().atMost(Duration.ofSeconds(10)).until(() -> jar.err.stream().filter(l -> l.endsWith(" reloaded")).count() > reloads);
			}
			running.set(false);
			for (Future<?> w : workers) {
				w.get(30, TimeUnit.SECONDS);
			}
			load.shutdown();

			assertThat(sent.get()).isGreaterThan(100);
			assertThat(wrong.get()).as("wrong decisions in %d requests", sent.get()).isZero();
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.runtimeToken", null).statusCode()).isEqualTo(200);
			assertThat(jar.err).allMatch(l -> l.endsWith(" reloaded"));
		}
	}
}
