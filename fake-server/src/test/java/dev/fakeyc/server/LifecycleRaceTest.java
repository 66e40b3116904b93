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
					assertThat(listening(port)).as("port %d after close()", port).isFalse();
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
					assertThat(listening(port)).as("port %d after the racing close()", port).isFalse();
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

	private static boolean listening(int port) {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		} catch (IOException refused) {
			return false;
		}
	}
}
