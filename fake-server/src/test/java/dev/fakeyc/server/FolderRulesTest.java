package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §0 steps 5-6 and §1.2: user accounts need a folder; a service account's folder must match. */
class FolderRulesTest extends FakeCloudTestBase {
	private static final String USER_NEEDS_FOLDER = "You have to specify folder ID for user account";
	private static final String FOLDER_MISMATCH = "Specified folder ID does not match with service account";

	private IamToken saToken;
	private IamToken userToken;

	@BeforeEach
	void start() {
		saToken = cloud.issueIamToken(sa);
		userToken = cloud.issueIamToken(cloud.createUserAccount());
	}

	private String completion(String folder) {
		return "{\"modelUri\":\"gpt://" + folder + "/yandexgpt/latest\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}";
	}

	@Test
	void userAccountWithoutFolderIsRefusedOnFoundationModelsInTheAiStyle() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion("b1gfolder00000000001")).auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		JsonNode error = Json.body(r).path("error");
		assertThat(error.path("grpcCode").asInt()).isEqualTo(16);
		assertThat(error.path("httpCode").asInt()).isEqualTo(401);
		assertThat(error.path("httpStatus").asText()).isEqualTo("Unauthorized");
		assertThat(error.path("message").asText()).isEqualTo(USER_NEEDS_FOLDER);
		assertThat(error.path("details").get(0).path("requestId").asText()).isEqualTo(Json.requestId(r));
	}

	@Test
	void userAccountWithFolderHeaderIsAccepted() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion("b1gfolder00000000001"))
				.auth(userToken.authorization()).header("x-folder-id", "b1gfolder00000000001").send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("result").path("alternatives").get(0).path("message").path("text").asText()).isNotEmpty();
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::folderId).isEqualTo("b1gfolder00000000001");
	}

	@Test
	void emptyFolderHeaderCountsAsNoFolder() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion("b1gfolder00000000001"))
				.auth(userToken.authorization()).header("x-folder-id", "").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("error").path("message").asText()).isEqualTo(USER_NEEDS_FOLDER);
	}

	@Test
	void serviceAccountNeedsNoFolderHeader() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion(sa.folderId())).auth(saToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::folderId).isEqualTo(sa.folderId());
	}

	@Test
	void serviceAccountWithAnotherFolderHeaderIsRefusedAsMismatch() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion(sa.folderId()))
				.auth(saToken.authorization()).header("x-folder-id", "b1gotherfolder000001").send();

		assertThat(r.statusCode()).isEqualTo(400);
		JsonNode error = Json.body(r).path("error");
		assertThat(error.path("grpcCode").asInt()).isEqualTo(3);
		assertThat(error.path("httpCode").asInt()).isEqualTo(400);
		assertThat(error.path("httpStatus").asText()).isEqualTo("Bad Request");
		assertThat(error.path("message").asText()).isEqualTo(FOLDER_MISMATCH);
	}

	@Test
	void serviceAccountApiKeyWithAModelUriOfAnotherFolderIsRefusedAsMismatch() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.LANGUAGE_MODELS_EXECUTE));

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion("b1gotherfolder000001")).auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(Json.body(r).path("error").path("message").asText()).isEqualTo(FOLDER_MISMATCH);
	}

	@Test
	void modelUriDoesNotSatisfyTheUserAccountFolderRule() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", completion("b1gfolder00000000001")).auth(userToken.authorization()).send();

		assertThat(Json.body(r).path("error").path("message").asText()).isEqualTo(USER_NEEDS_FOLDER);
	}

	@Test
	void openAiProjectHeaderNamesTheFolderForAUserAccount() {
		HttpResponse<String> r = http.post("/v1/chat/completions", "{\"model\":\"gpt://b1gfolder00000000001/yandexgpt/latest\",\"messages\":[]}")
				.auth(userToken.authorization()).header("OpenAI-Project", "b1gfolder00000000001").send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void translateTakesTheUserFolderFromTheBodyAndAnswersInTheStandardStyle() {
		HttpResponse<String> without = http.post("/translate/v2/translate", "{\"texts\":[\"hi\"],\"targetLanguageCode\":\"ru\"}")
				.auth(userToken.authorization()).send();
		HttpResponse<String> with = http.post("/translate/v2/translate", "{\"folderId\":\"b1gfolder00000000001\",\"texts\":[\"hi\"],\"targetLanguageCode\":\"ru\"}")
				.auth(userToken.authorization()).send();

		assertThat(without.statusCode()).isEqualTo(401);
		assertThat(Json.body(without).path("code").asInt()).isEqualTo(16);
		assertThat(Json.body(without).path("message").asText()).isEqualTo(USER_NEEDS_FOLDER);
		assertThat(with.statusCode()).isEqualTo(200);
		assertThat(Json.body(with).path("translations").get(0).path("text").asText()).isNotEmpty();
	}

	@Test
	void speechKitTakesTheUserFolderFromTheQuery() {
		HttpResponse<String> r = http.post("/speech/v1/stt:recognize?folderId=b1gfolder00000000001&lang=ru-RU", "audio")
				.auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("result").asText()).isNotEmpty();
	}

	@Test
	void monitoringRefusesAServiceAccountWritingToAnotherFolder() {
		HttpResponse<String> r = http.post("/monitoring/v2/data/write?folderId=b1gotherfolder000001&service=custom", "{\"metrics\":[]}")
				.auth(saToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(7);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("Permission denied to folder b1gotherfolder000001");
	}

	@Test
	void monitoringWriteAnswersWithTheCountOfMetricsWritten() {
		HttpResponse<String> r = http.post("/monitoring/v2/data/write?folderId=" + sa.folderId() + "&service=custom",
				"{\"metrics\":[{\"name\":\"a\",\"value\":1},{\"name\":\"b\",\"value\":2}]}").auth(saToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("writtenMetricsCount").textValue()).isEqualTo("2"); // int64: a string in REST
	}
}
