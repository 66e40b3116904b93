package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Host header picks the service: exact names, {@code *.suffix} patterns, and unknown hosts that fall back to the path. */
class HostLookupTest extends FakeCloudTestBase {
	@Test
	void exactHostRoutesToItsService() {
		IamToken token = cloud.issueIamToken(sa);

		String response = get("/compute/v1/instances", "compute.api.cloud.yandex.net", token.authorization());

		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(cloud.journal().last()).get().satisfies(r -> {
			assertThat(r.host()).isEqualTo("compute.api.cloud.yandex.net");
			assertThat(r.service()).isEqualTo("iam-token-only");
		});
	}

	@Test
	void hostIsMatchedWithoutPortAndCase() {
		IamToken token = cloud.issueIamToken(sa);

		String response = get("/compute/v1/instances", "Compute.API.Cloud.Yandex.NET:443", token.authorization());

		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::host).isEqualTo("compute.api.cloud.yandex.net");
	}

	@Test
	void wildcardHostMatchesAnySubdomain() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.CONTAINERS_INVOKE));

		String response = get("/any/path", "bba11111111111111111.containers.yandexcloud.net", key.authorization());

		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::service).isEqualTo("serverless-containers");
	}

	@Test
	void wildcardHostDoesNotMatchTheBareSuffix() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.CONTAINERS_INVOKE));

		String response = get("/any/path", "containers.yandexcloud.net", key.authorization());

		assertThat(response).startsWith("HTTP/1.1 404");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::outcome).isEqualTo(Outcome.NO_ROUTE);
	}

	@Test
	void unknownHostFallsBackToRoutingByPath() {
		IamToken token = cloud.issueIamToken(sa);

		String response = get("/compute/v1/instances", "example.org", token.authorization());

		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(cloud.journal().last()).get().satisfies(r -> {
			assertThat(r.host()).isEqualTo("example.org");
			assertThat(r.service()).isEqualTo("iam-token-only");
		});
	}

	@Test
	void unknownHostAndUnknownPathIsNoRouteNamingTheHost() {
		String response = get("/no/such/api", "example.org", null);

		assertThat(response).startsWith("HTTP/1.1 404");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::reason)
				.isEqualTo("no route of the catalog matches GET /no/such/api on host example.org");
	}

	private String get(String path, String host, String authorization) {
		return RawHttp.exchange(cloud.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
				+ (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Connection: close\r\n\r\n");
	}
}
