package dev.fakeyc.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hundreds of start/stop cycles leak no threads, ports or file descriptors. Isolated: it counts JVM-wide resources. */
@Isolated
class StartStopCyclesTest {
	private static final int CYCLES = 300;

	/**
	 * One client for every cycle: each JDK HttpClient keeps a selector thread until it is garbage-collected, so a
	 * client per cycle would be counted as leaked threads whenever no GC ran meanwhile.
	 */
	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void startAndCloseManyTimesLeaksNothing() throws Exception {
		warmUp();
		int threadsBefore = Thread.activeCount();
		int fdsBefore = openFileDescriptors();
		int lastPort = 0;

		for (int i = 0; i < CYCLES; i++) {
			try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
				lastPort = cloud.port();
				if (i % 50 == 0) {
					assertThat(get(cloud).statusCode()).isEqualTo(401);
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

	private HttpResponse<String> get(FakeYandexCloud cloud) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(cloud.url("/compute/v1/instances")).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void warmUp() throws IOException, InterruptedException {
		for (int i = 0; i < 5; i++) {
			try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
				get(cloud);
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
