package dev.fakeyc.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A started fake per test method, with an HTTP client and one service account. Per method, not per
 * class, so tests share nothing and run in parallel; starting one takes milliseconds.
 */
abstract class FakeCloudTestBase {
	protected FakeYandexCloud cloud;
	protected Http http;
	protected ServiceAccount sa;

	/** The fake to start; override to change its settings. */
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder();
	}

	@BeforeEach
	final void startFake() {
		cloud = settings().build().start();
		http = new Http(cloud);
		sa = cloud.createServiceAccount();
	}

	@AfterEach
	final void stopFake() {
		cloud.close();
	}
}
