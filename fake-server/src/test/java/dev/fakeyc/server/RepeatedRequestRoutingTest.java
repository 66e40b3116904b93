package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog hands a request that repeats the last one the match it found then: a sequence of requests that repeat,
 * and differ from the last by only the method, the path or the host, is routed as each one alone on a fresh fake.
 */
class RepeatedRequestRoutingTest extends FakeCloudTestBase {
	private static final List<String[]> REQUESTS = List.of( // method, path, host
			new String[]{ "GET", "/compute/v1/instances", "localhost" }, new String[]{ "GET", "/compute/v1/instances", "localhost" },
			new String[]{ "POST", "/compute/v1/instances", "localhost" }, new String[]{ "GET", "/compute/v1/instances", "localhost" },
			new String[]{ "GET", "/compute/v1/instances", "compute.api.cloud.yandex.net" },
			new String[]{ "GET", "/compute/v1/instances", "llm.api.cloud.yandex.net" },
			new String[]{ "GET", "/compute.api.cloud.yandex.net/compute/v1/instances", "localhost" },
			new String[]{ "GET", "/compute.api.cloud.yandex.net/compute/v1/instances", "localhost" },
			new String[]{ "GET", "/compute/v1/instances/", "localhost" }, new String[]{ "GET", "/compute/v1/instance", "localhost" },
			new String[]{ "GET", "/compute/v1/instance", "localhost" }, new String[]{ "POST", "/workflows/v1/execution/start", "localhost" },
			new String[]{ "POST", "/workflows/v1/execution/start", "localhost" },
			new String[]{ "POST", "/workflows/v1/execution/abc/start", "localhost" },
			new String[]{ "GET", "/workflows/v1/execution/abc", "localhost" }, new String[]{ "GET", "/compute/v1/instances", "localhost" });

	@Test
	void eachRequestIsRoutedAsIfItCameAlone() {
		IamToken token = cloud.issueIamToken(sa);
		List<String> inSequence = new ArrayList<>();
		for (String[] r : REQUESTS) {
			inSequence.add(route(cloud, r, token.authorization()));
		}
		List<String> alone = new ArrayList<>();
		for (String[] r : REQUESTS) {
			try (FakeYandexCloud fresh = FakeYandexCloud.create().start()) {
				ServiceAccount account = fresh.createServiceAccount();
				alone.add(route(fresh, r, fresh.issueIamToken(account).authorization()));
			}
		}

		assertThat(inSequence).isEqualTo(alone);
		assertThat(inSequence).contains("200 iam-token-only/api /compute/v1/instances on compute.api.cloud.yandex.net");
	}

	private static String route(FakeYandexCloud cloud, String[] r, String authorization) {
		String response = RawHttp.exchange(cloud.port(), r[0] + " " + r[1] + " HTTP/1.1\r\nHost: " + r[2] + "\r\nAuthorization: " + authorization
				+ "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
		RecordedRequest recorded = cloud.journal().last().orElseThrow();
		return response.substring(9, 12) + " " + recorded.service() + "/" + recorded.resource() + " " + recorded.path() + " on " + recorded.host();
	}
}
