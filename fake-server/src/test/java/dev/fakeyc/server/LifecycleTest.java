package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One instance, one life: start once, close any number of times, the port freed. */
class LifecycleTest {
	@Test
	void urlBeforeStartSaysToCallStartFirst() {
		FakeYandexCloud cloud = FakeYandexCloud.create();

		assertThatThrownBy(cloud::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("call start() first");
		assertThat(cloud.toString()).isEqualTo("FakeYandexCloud[new]");
	}

	@Test
	void startsOnLoopbackWithAFreePort() {
		try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
			assertThat(cloud.port()).isPositive();
			assertThat(cloud.baseUrl()).hasToString("http://127.0.0.1:" + cloud.port());
			assertThat(cloud.url("/iam/v1/tokens").toString()).isEqualTo(cloud.baseUrl() + "/iam/v1/tokens");
			assertThat(cloud.isRunning()).isTrue();
		}
	}

	@Test
	void closeIsIdempotentAndFreesThePort() throws IOException {
		FakeYandexCloud cloud = FakeYandexCloud.create().start();
		int port = cloud.port();

		cloud.close();
		cloud.close();

		assertThat(cloud.isRunning()).isFalse();
		try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void startAfterCloseIsRefused() {
		FakeYandexCloud cloud = FakeYandexCloud.create().start();
		cloud.close();

		assertThatThrownBy(cloud::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already closed");
		assertThatThrownBy(cloud::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
	}

	@Test
	void startTwiceIsRefused() {
		try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
			assertThatThrownBy(cloud::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
		}
	}

	@Test
	void closeBeforeStartIsHarmless() {
		FakeYandexCloud cloud = FakeYandexCloud.create();
		cloud.close();

		assertThatThrownBy(cloud::start).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void closeLetsARequestInFlightFinish() throws Exception {
		java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		FakeYandexCloud cloud = FakeYandexCloud.create().start();
		IamToken token = cloud.issueIamToken(cloud.createServiceAccount());
		cloud.stub("GET", "/compute/v1/instances", (request, body) -> {
			inside.countDown();
			try {
				release.await();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return StubResponse.json(200, "{\"late\":true}");
		});
		java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> inFlight = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> new Http(cloud).get("/compute/v1/instances").auth(token.authorization()).send());
		assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

		java.util.concurrent.CompletableFuture<Void> closing = java.util.concurrent.CompletableFuture.runAsync(cloud::close);
		release.countDown();
		closing.get(10, java.util.concurrent.TimeUnit.SECONDS);

		assertThat(inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).isEqualTo("{\"late\":true}");
	}

	@Test
	void portInUseGivesAClearError() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			FakeYandexCloud cloud = FakeYandexCloud.builder().port(taken.getLocalPort()).build();

			assertThatThrownBy(cloud::start).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
		}
	}
}
