package dev.fakeyc.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hundreds of start/stop cycles leak no threads, ports or file descriptors. Isolated: it counts JVM-wide resources. */
@Isolated
class StartStopCyclesTest {
	private static final int CYCLES = 300;

	@Test
	void startAndCloseManyTimesLeaksNothing() throws IOException {
		warmUp();
		int threadsBefore = Thread.activeCount();
		int fdsBefore = openFileDescriptors();
		int lastPort = 0;

		for (int i = 0; i < CYCLES; i++) {
			try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
				lastPort = cloud.port();
				if (i % 50 == 0) {
					assertThat(new Http(cloud).get("/compute/v1/instances").send().statusCode()).isEqualTo(401);
				}
			}
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
			assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 8);
		});
		try (ServerSocket again = new ServerSocket(lastPort, 1, InetAddress.getLoopbackAddress())) {
			assertThat(again.getLocalPort()).isEqualTo(lastPort);
		}
	}

	private static void warmUp() {
		for (int i = 0; i < 5; i++) {
			try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
				new Http(cloud).get("/compute/v1/instances").send();
			}
		}
		// the JVM opens a jar on the first class it loads from it: load Awaitility's (and Hamcrest's) now, so that the
		// check below does not count them as leaked when no earlier test in this JVM used Awaitility
		await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(openFileDescriptors()).isPositive());
	}

	private static int openFileDescriptors() {
		String[] fds = new File("/proc/self/fd").list();
		return fds == null ? 0 : fds.length;
	}
}
