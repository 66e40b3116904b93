package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §4.2 d and DESIGN "route": the path decides, the Host (or a host alias in the path) where paths collide. */
class RoutingTest extends FakeCloudTestBase {
	@Test
	void unknownRouteIsAnEmpty404LikeEnvoys() {
		HttpResponse<String> r = http.get("/no/such/api").auth(cloud.issueIamToken(sa).authorization()).send();

		assertThat(r.statusCode()).isEqualTo(404);
		assertThat(r.body()).isEmpty();
		assertThat(r.headers().firstValue("x-envoy-response-flags")).hasValue("NR");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::outcome).isEqualTo(Outcome.NO_ROUTE);
	}

	@Test
	void wrongMethodOnAKnownPathIsAnUnknownRoute() {
		HttpResponse<String> r = http.get("/foundationModels/v1/completion").send();

		assertThat(r.statusCode()).isEqualTo(404);
	}

	@Test
	void cloudFunctionIsReachedThroughTheHostAliasInThePath() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.FUNCTIONS_INVOKE));

		HttpResponse<String> r = http.post("/functions.yandexcloud.net/d4e00000000000000000?integration=raw", "{}").auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(cloud.journal().last()).get().satisfies(rec -> {
			assertThat(rec.service()).isEqualTo("cloud-functions");
			assertThat(rec.host()).isEqualTo("functions.yandexcloud.net");
			assertThat(rec.path()).isEqualTo("/d4e00000000000000000");
		});
	}

	@Test
	void functionPathWithoutItsHostIsNotAFunction() {
		HttpResponse<String> r = http.post("/d4e00000000000000000", "{}").send();

		assertThat(r.statusCode()).isEqualTo(404);
	}

	@Test
	void hostHeaderRoutesToTheServiceOfThatHost() throws IOException {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.CONTAINERS_INVOKE));

		String response = raw("GET /hello HTTP/1.1\r\nHost: bba00000000000000000.containers.yandexcloud.net\r\nAuthorization: "
				+ key.authorization() + "\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::service).isEqualTo("serverless-containers");
	}

	@Test
	void hostHeaderOfAKnownServiceLimitsTheRoutesToThatService() throws IOException {
		String response = raw("GET /compute/v1/instances HTTP/1.1\r\nHost: translate.api.cloud.yandex.net\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 404");
	}

	@Test
	void workflowRoutesTellExecutionFromWorkflowByPath() {
		IamToken token = cloud.issueIamToken(sa);

		http.get("/workflows/v1/execution/exe00000000000000000").auth(token.authorization()).send();
		RecordedRequest execution = cloud.journal().last().orElseThrow();
		http.get("/workflows/v1/workflow/dfq00000000000000000").auth(token.authorization()).send();
		RecordedRequest workflow = cloud.journal().last().orElseThrow();

		assertThat(execution.resource()).isEqualTo("execution");
		assertThat(workflow.resource()).isEqualTo("workflow");
	}

	private String raw(String request) {
		return RawHttp.exchange(cloud.port(), request);
	}
}
