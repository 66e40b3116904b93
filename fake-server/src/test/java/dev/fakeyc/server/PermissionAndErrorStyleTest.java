package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §0 steps 7-8 and §4.2: permission denials, and each service's error body shape. */
class PermissionAndErrorStyleTest extends FakeCloudTestBase {
	private IamToken token;

	@BeforeEach
	void start() {
		token = cloud.issueIamToken(sa);
	}

	@Test
	void accountWithoutRolesIsDeniedInTheStandardStyle() {
		cloud.denyPermissions(sa);

		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo("{\"code\":7,\"message\":\"Permission denied\",\"details\":[{\"@type\":"
				+ "\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}");
	}

	@Test
	void accountWithoutRolesIsDeniedInTheAiStyle() {
		cloud.denyPermissions(sa);

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo("{\"error\":{\"grpcCode\":7,\"httpCode\":403,\"message\":\"Permission denied\",\"httpStatus\":\"Forbidden\","
				+ "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}}");
	}

	@Test
	void accountWithoutRolesIsDeniedInThePrometheusStyle() {
		cloud.denyPermissions(sa);

		HttpResponse<String> r = http.post("/prometheus/workspaces/monws000000000000000/api/v1/write", "x").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo("{\"error\":\"PERMISSION_DENIED: Permission denied\",\"errorType\":\"\",\"status\":\"error\"}");
		assertThat(r.headers().firstValue("x-request-id")).isPresent();
	}

	@Test
	void permissionsCanBeGivenBack() {
		cloud.denyPermissions(sa);
		cloud.allowPermissions(sa);

		assertThat(http.get("/compute/v1/instances").auth(token.authorization()).send().statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusRemoteWriteRefusesAnUnknownCredentialInItsOwnWords() {
		HttpResponse<String> r = http.post("/prometheus/workspaces/monws000000000000000/api/v1/write", "x").auth("Bearer t1.unknown").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.body()).isEqualTo("{\"error\":\"cannot authenticate by either token or api-key, cause: UNAUTHENTICATED: The token is invalid\","
				+ "\"errorType\":\"\",\"status\":\"error\"}");
	}

	@Test
	void unknownBearerOnSearchApiIsReportedAsAnUnknownApiKey() {
		HttpResponse<String> r = http.post("/v2/web/search", "{\"query\":{\"queryText\":\"x\"}}").auth("Bearer t1.unknown-token-value").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).startsWith("Unknown api key 't1.u****alue (");
	}

	@Test
	void searchApiRefusesAServiceAccountActingInAnotherFolder() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.SEARCH_API_EXECUTE));

		HttpResponse<String> r = http.post("/v2/web/search", "{\"folderId\":\"b1gotherfolder000001\",\"query\":{\"queryText\":\"x\"}}")
				.auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("Permission denied to folder b1gotherfolder000001");
	}

	@Test
	void everyRejectionCarriesARequestIdEqualToTheBodys() {
		HttpResponse<String> standard = http.get("/compute/v1/instances").send();
		HttpResponse<String> ai = http.post("/foundationModels/v1/completion", "{}").send();

		assertThat(Json.body(standard).path("details").get(0).path("requestId").asText()).isEqualTo(Json.requestId(standard))
				.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(Json.body(ai).path("error").path("details").get(0).path("requestId").asText()).isEqualTo(Json.requestId(ai));
		assertThat(Json.requestId(standard)).isNotEqualTo(Json.requestId(ai));
	}
}
