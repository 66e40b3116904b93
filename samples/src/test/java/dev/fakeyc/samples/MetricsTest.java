package dev.fakeyc.samples;

// tag::async[]
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

// end::async[]

/** Monitoring's REST write and the Prometheus remote-write endpoint, with keys of the right and wrong scope. */
@WithFakeYandexCloud
class MetricsTest {
	private static final List<MetricsWriter.Metric> TWO = List.of(
			new MetricsWriter.Metric("queue_depth", Map.of("queue", "orders"), 3, Instant.parse("2026-11-23T00:00:00Z")),
			new MetricsWriter.Metric("queue_depth", Map.of("queue", "mail"), 0, Instant.parse("2026-11-23T00:00:00Z")));

	@Test
	void writesMetricsWithAManageKey(@FakeCloudUrl URI url, @Scoped(Scopes.MONITORING_MANAGE) ApiKey key, ServiceAccount sa) {
		MetricsWriter writer = new MetricsWriter(url, Credentials.apiKey(key.value()), sa.folderId());

		assertThat(writer.write(TWO)).isEqualTo(2);
	}

	@Test
	void readOnlyKeyCannotWrite(@FakeCloudUrl URI url, @Scoped(Scopes.MONITORING_READ) ApiKey key, ServiceAccount sa) {
		MetricsWriter writer = new MetricsWriter(url, Credentials.apiKey(key.value()), sa.folderId());

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> writer.write(TWO));

		assertThat(refused.cloudMessage()).startsWith("Unknown api key");
	}

	// tag::async[]
	@Test
	void backgroundExporterIsAwaited(@FakeCloudUrl URI url, @Scoped(Scopes.MONITORING_MANAGE) ApiKey key, ServiceAccount sa,
			ReceivedRequests requests) {
		MetricsWriter writer = new MetricsWriter(url, Credentials.apiKey(key.value()), sa.folderId());

		CompletableFuture<Integer> written = writer.writeAsync(TWO); // the exporter's timer would do this

		requests.await(1); // Awaitility underneath, 5 s at most
		assertThat(requests).allAccepted().hasRequest("POST", "/monitoring/v2/data/write");
		assertThat(written.join()).isEqualTo(2);
	}
	// end::async[]

	@Test
	void prometheusRemoteWriteTakesTheKeyAsBearer(@FakeCloudUrl URI url, @Scoped(Scopes.MONITORING_MANAGE) ApiKey key, ReceivedRequests requests) {
		new PrometheusRemoteWriter(url, "monws000000000000001", key.value()).send("orders_total", Map.of("shop", "main"), 42, 1_700_000_000_000L);

		assertThat(requests).hasSize(1).allAccepted().allWithScheme("Bearer").hasRequestTo("prometheus", "remote-write");
	}

	@Test
	void prometheusRemoteWriteRefusalIsReadFromItsOwnErrorShape(@FakeCloudUrl URI url) {
		PrometheusRemoteWriter writer = new PrometheusRemoteWriter(url, "monws000000000000001", "AQVN-not-a-key-of-this-cloud-0000000000");

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> writer.send("x", Map.of(), 1, 0));

		assertThat(refused.httpStatus()).isEqualTo(401);
		assertThat(refused.cloudMessage()).startsWith("cannot authenticate by either token or api-key, cause: UNAUTHENTICATED: Unknown api key");
	}
}
