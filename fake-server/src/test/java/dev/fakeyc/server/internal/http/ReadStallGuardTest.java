package dev.fakeyc.server.internal.http;

import io.undertow.server.HttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listener's {@link ReadStallGuard} on a real listener with a short timeout: a client that stops sending while
 * its request is read is cut off, one that keeps sending (however slowly) or waits for a slow answer is not.
 */
class ReadStallGuardTest {
	private static final long TIMEOUT_MS = 1000;
	private HttpListener listener;

	/** POST reads the body and answers its size; GET /late answers {@code 2 x TIMEOUT_MS} later; other GETs answer at once. */
	private static final HttpHandler HANDLER = exchange -> {
		if (exchange.getRequestMethod().toString().equals("POST")) {
			BodyReader.read(exchange, Long.MAX_VALUE, (ex, body) -> ex.getResponseSender().send(body.length + " bytes"));
		} else if (exchange.getRequestPath().equals("/late")) {
			exchange.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, () -> exchange.getIoThread()
					.executeAfter(() -> exchange.getResponseSender().send("late"), 2 * TIMEOUT_MS, TimeUnit.MILLISECONDS));
		} else {
			exchange.getResponseSender().send("ok");
		}
	};

	@BeforeEach
	void start() throws IOException {
		listener = HttpListener.start("127.0.0.1", 0, 1, 1, OptionMap.EMPTY, TIMEOUT_MS, HANDLER);
	}

	@AfterEach
	void stop() {
		listener.stop();
	}

	/** Reads until the server closes the connection; fails if it does not within 10 s. */
	private static String readToEnd(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				all.write(buffer, 0, n);
			}
		} catch (java.net.SocketException reset) {
			// a connection closed with unread input may arrive as a reset: closed all the same
		}
		return all.toString(StandardCharsets.ISO_8859_1);
	}

	private Socket connect() throws IOException {
		return new Socket("127.0.0.1", listener.port());
	}

	@Test
	void aClientStalledMidBodyIsCutOffAfterTheTimeout() throws IOException {
		try (Socket socket = connect()) {
			long start = System.nanoTime();
			socket.getOutputStream().write("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab".getBytes(StandardCharsets.US_ASCII));

			String answer = readToEnd(socket);

			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT_MS);
			// the body reader's error path answers when the write still goes through; either way the connection ends
			assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 400"));
		}
	}

	@Test
	void aClientStalledMidHeadersIsCutOffAfterTheTimeout() throws IOException {
		try (Socket socket = connect()) {
			long start = System.nanoTime();
			socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));

			String answer = readToEnd(socket);

			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT_MS);
			assertThat(answer).isEmpty();
		}
	}

	@Test
	void anIdleKeepAliveConnectionIsClosedAfterTheTimeout() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			long start = System.nanoTime();

			String answer = readToEnd(socket);

			assertThat(answer).startsWith("HTTP/1.1 200").endsWith("ok");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT_MS);
		}
	}

	@Test
	void aSlowButSteadyBodyIsReadWhole() throws Exception {
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			out.write("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// one byte every tenth of the timeout (room for a busy machine's scheduling): 2 timeouts in all, never one quiet
			AtomicInteger sent = new AtomicInteger();
			pacer.scheduleAtFixedRate(() -> {
				if (sent.get() < 20) {
					try {
						out.write('x');
						out.flush();
						sent.incrementAndGet();
					} catch (IOException e) {
						sent.set(1000); // the server closed it: the assertion below shows the answer missing
					}
				}
			}, TIMEOUT_MS / 10, TIMEOUT_MS / 10, TimeUnit.MILLISECONDS);
			long start = System.nanoTime();

			String answer = readToEnd(socket);

			assertThat(answer).startsWith("HTTP/1.1 200").endsWith("20 bytes");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT_MS * 19 / 10);
		} finally {
			pacer.shutdownNow();
		}
	}

	@Test
	void anAnswerSlowerThanTheTimeoutStillArrives() throws IOException {
		try (Socket socket = connect()) {
			long start = System.nanoTime();
			socket.getOutputStream().write("GET /late HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

			String answer = readToEnd(socket);

			assertThat(answer).startsWith("HTTP/1.1 200").endsWith("late");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(2 * TIMEOUT_MS);
		}
	}

	@Test
	void aTimeoutBelowOneMillisecondIsRefused() {
		assertThatThrownBy(() -> HttpListener.start("127.0.0.1", 0, 1, 1, OptionMap.EMPTY, 0, HANDLER))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
	}
}
