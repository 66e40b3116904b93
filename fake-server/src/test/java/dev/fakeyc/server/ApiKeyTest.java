package dev.fakeyc.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §0 steps 3-4 and §3: where API keys are accepted, their scopes and expiry. */
class ApiKeyTest extends FakeCloudTestBase {

	private static String unknownApiKey(String secret) {
		CRC32 crc = new CRC32();
		crc.update(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return "Unknown api key '" + secret.substring(0, 4) + "****" + secret.substring(secret.length() - 4)
				+ String.format(" (%08X)", crc.getValue()) + "'";
	}

	@Test
	void apiKeyIsAcceptedOnTheWorkflowExecutionResource() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));

		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{\"workflowId\":\"dfq0000000000000000\"}").auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("executionId").asText()).matches("[a-z0-9]{20}");
	}

	@Test
	void apiKeyIsRefusedOnTheWorkflowResource() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));

		HttpResponse<String> r = http.get("/workflows/v1/workflow?folderId=" + sa.folderId()).auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(16);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(unknownApiKey(key.value()));
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::reason).asString()
				.contains("does not accept API keys, only IAM tokens");
	}

	@Test
	void iamTokenIsAcceptedOnTheWorkflowResource() {
		IamToken token = cloud.issueIamToken(sa);

		HttpResponse<String> r = http.get("/workflows/v1/workflow?folderId=" + sa.folderId()).auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void defaultScopesDoNotUnlockWorkflows() {
		ApiKey key = cloud.createApiKey(sa);

		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send();

		assertThat(key.scopes()).isEqualTo(Scopes.DEFAULT).doesNotContain(Scopes.WORKFLOWS_EXECUTE);
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(unknownApiKey(key.value()));
	}

	@Test
	void keyOutOfScopeIsRefusedAsUnknownWithTheScopesInTheReason() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.LANGUAGE_MODELS_EXECUTE));

		HttpResponse<String> r = http.post("/ocr/v1/recognizeText", "{}").auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("error").path("message").asText()).isEqualTo(unknownApiKey(key.value()));
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::reason).asString()
				.contains("[yc.ai.languageModels.execute]").contains("yc.ai.vision.execute");
	}

	@Test
	void expiredApiKeyIsRefusedAsExpired() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE), cloud.clock().instant().plus(Duration.ofDays(1)));
		assertThat(http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send().statusCode()).isEqualTo(200);

		cloud.clock().advance(Duration.ofDays(1));
		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(16);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("The apikey has expired");
	}

	@Test
	void unknownApiKeyIsRefusedWithTheMaskedKey() {
		String secret = "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm";

		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth("Api-Key " + secret).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).startsWith("Unknown api key 'AQVN****ICtm (").isEqualTo(unknownApiKey(secret));
		assertThat(r.body()).doesNotContain(secret);
	}

	@Test
	void shortUnknownApiKeyIsMaskedWhole() {
		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth("Api-Key short").send();

		assertThat(Json.body(r).path("message").asText()).isEqualTo("Unknown api key '****'");
	}

	@Test
	void deletedApiKeyIsRefusedAsUnknown() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));
		cloud.credentials().revoke(key);

		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send();

		assertThat(Json.body(r).path("message").asText()).isEqualTo(unknownApiKey(key.value()));
	}

	@Test
	void iamTokenSentAsApiKeyIsRefusedAsUnknownKey() {
		IamToken token = cloud.issueIamToken(sa);

		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth("Api-Key " + token.value()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(unknownApiKey(token.value()));
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::reason).asString().contains("it is an IAM token");
	}

	@Test
	void apiKeySentAsBearerIsRefusedWhereOnlyApiKeySchemeCarriesKeys() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));

		HttpResponse<String> r = http.post("/workflows/v1/execution/start", "{}").auth("Bearer " + key.value()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("The token is invalid");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::reason).asString()
				.contains("takes API keys only as 'Api-Key <secret>'");
	}

	@Test
	void apiKeySentAsBearerIsAcceptedOnTheOpenAiCompatibleApi() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.FOUNDATION_MODELS_EXECUTE));

		HttpResponse<String> r = http.post("/v1/chat/completions",
				"{\"model\":\"gpt://" + sa.folderId() + "/yandexgpt/latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
				.auth("Bearer " + key.value()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("choices").get(0).path("message").path("content").asText()).isNotEmpty();
		assertThat(Json.body(r).path("model").asText()).isEqualTo("gpt://" + sa.folderId() + "/yandexgpt/latest");
	}

	@Test
	void apiKeySentAsBearerIsAcceptedByPrometheusRemoteWrite() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.MONITORING_MANAGE));

		HttpResponse<String> r = http.post("/prometheus/workspaces/monws000000000000000/api/v1/write", "x").auth("Bearer " + key.value()).send();

		assertThat(r.statusCode()).isEqualTo(204);
	}

	@Test
	void apiKeyIsRefusedOnAnIamTokenOnlyApi() {
		ApiKey key = cloud.createApiKey(sa);

		HttpResponse<String> r = http.get("/compute/v1/instances").auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(unknownApiKey(key.value()));
	}

	@ParameterizedTest(name = "{0} {1} with scope {2}")
	@CsvSource({
			"POST, /foundationModels/v1/completion, yc.ai.languageModels.execute",
			"POST, /foundationModels/v1/completion, yc.ai.foundationModels.execute",
			"POST, /foundationModels/v1/imageGenerationAsync, yc.ai.imageGeneration.execute",
			"POST, /translate/v2/translate, yc.ai.translate.execute",
			"POST, /ocr/v1/recognizeText, yc.ai.vision.execute",
			"POST, /speech/v1/stt:recognize, yc.ai.speechkitStt.execute",
			"POST, /tts/v3/utteranceSynthesis, yc.ai.speechkitTts.execute",
			"POST, /v2/web/search, yc.search-api.execute",
			"POST, /monitoring/v2/data/write, yc.monitoring.manage",
			"POST, /monitoring/v2/data/read, yc.monitoring.read",
			"POST, /functions.yandexcloud.net/d4e00000000000000000, yc.serverless.functions.invoke",
			"GET, /bba00000000000000000.containers.yandexcloud.net/hello, yc.serverless.containers.invoke",
			"POST, /workflows/v1/execution/start, yc.serverless.workflows.execute" })
	void scopeUnlocksItsService(String method, String path, String scope) {
		ApiKey key = cloud.createApiKey(sa, Set.of(scope));

		HttpResponse<String> r = (method.equals("GET") ? http.get(path) : http.post(path, "{}")).auth(key.authorization()).send();

		assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
	}

	@Test
	void readScopeDoesNotUnlockMonitoringWrite() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.MONITORING_READ));

		HttpResponse<String> r = http.post("/monitoring/v2/data/write?folderId=" + sa.folderId(), "{\"metrics\":[]}").auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(unknownApiKey(key.value()));
	}
}
