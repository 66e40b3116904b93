package dev.fakeyc.server;

import org.junit.jupiter.api.RepeatedTest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, kind 5: start() and close() racing on two threads never leave a server listening after
 * close() returned (the instance: 22–46 of 40–60 were). Repeated, each round with its own fakes.
 */
class LifecycleRaceTest {
	@RepeatedTest(3)
	void closeRacingStartLeavesNothingListening() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<FakeYandexCloud> clouds = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				int chosen = freePort();
				FakeYandexCloud cloud = FakeYandexCloud.builder().port(chosen).build();
				clouds.add(cloud);
				CyclicBarrier together = new CyclicBarrier(2);
				Future<Integer> start = pool.submit(() -> {
					together.await();
					try {
						cloud.start();
						return chosen; // port() would refuse: the racing close may have closed it already
					} catch (IllegalStateException closedFirst) {
						return -1; // close() won: start refuses, as documented
					}
				});
				long jitter = java.util.concurrent.ThreadLocalRandom.current().nextLong(3_000_000); // land anywhere in the bind
				Future<?> close = pool.submit(() -> {
					together.await();
					java.util.concurrent.locks.LockSupport.parkNanos(jitter);
					cloud.close();
					return null;
				});
				close.get(20, TimeUnit.SECONDS);
				int port = start.get(20, TimeUnit.SECONDS);
				cloud.close(); // whichever won, close() has now returned at least once after start() did

				assertThat(cloud.isRunning()).isFalse();
				if (port > 0) {
					assertThat(servedBy(cloud, port)).as("port %d after close()", port).isFalse();
				}
			}
		} finally {
			clouds.forEach(FakeYandexCloud::close);
			pool.shutdownNow();
		}
	}

	/** The instance, made likely: close() called the moment start() has begun (while it binds) returns with nothing listening. */
	@RepeatedTest(3)
	void theRacingCloseItselfStopsTheServer() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 50; i++) {
				int chosen = freePort();
				FakeYandexCloud cloud = FakeYandexCloud.builder().port(chosen).build();
				CyclicBarrier together = new CyclicBarrier(2);
				Future<Integer> start = pool.submit(() -> {
					together.await();
					try {
						cloud.start();
						return chosen; // port() would refuse: the racing close may have closed it already
					} catch (IllegalStateException closedFirst) {
						return -1;
					}
				});
				together.await(10, TimeUnit.SECONDS);
				while (!cloud.isRunning() && !start.isDone()) {
					Thread.onSpinWait(); // close as soon as start() has begun: while it is still binding
				}
				cloud.close(); // on this thread, racing the start
				int port = start.get(20, TimeUnit.SECONDS);
				boolean closedAfterStart = port > 0 && !cloud.isRunning();
				if (closedAfterStart) {
					assertThat(servedBy(cloud, port)).as("port %d after the racing close()", port).isFalse();
				}
				cloud.close();
			}
		} finally {
			pool.shutdownNow();
		}
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	/**
	 * Whether this fake still answers on {@code port}: something listens there and records a request sent to it. A port
	 * freed by close() may be taken at once by another test's server binding port 0 (tests run in parallel): that one
	 * answers, but not into this fake's journal.
	 */
	private static boolean servedBy(FakeYandexCloud cloud, int port) {
		String marker = "/after-close-" + java.util.UUID.randomUUID();
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 500);
			s.setSoTimeout(5_000);
			s.getOutputStream().write(("GET " + marker + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			s.getInputStream().readAllBytes();
		} catch (IOException refusedOrNotHttp) {
			// refused: nothing listens; anything else: whatever listens did not answer as this fake does
		}
		return cloud.journal().requests().stream().anyMatch(r -> r.path().equals(marker));
	}
}
