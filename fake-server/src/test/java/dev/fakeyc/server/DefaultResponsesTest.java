package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Accepted requests get a body in the real method's shape, so an unmodified client can parse it. */
class DefaultResponsesTest extends FakeCloudTestBase {
	private IamToken token;

	@BeforeEach
	void start() {
		token = cloud.issueIamToken(sa);
	}

	private JsonNode post(String path, String body) {
		HttpResponse<String> r = http.post(path, body).auth(token.authorization()).send();
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
		return Json.body(r);
	}

	@Test
	void completionHasAnAlternativeWithAMessageAndUsage() {
		JsonNode result = post("/foundationModels/v1/completion", "{}").path("result");

		assertThat(result.path("alternatives").get(0).path("message").path("role").asText()).isEqualTo("assistant");
		assertThat(result.path("alternatives").get(0).path("status").asText()).isEqualTo("ALTERNATIVE_STATUS_FINAL");
		assertThat(result.path("usage").path("totalTokens").asText()).isEqualTo("15");
	}

	@Test
	void asyncCompletionIsAnOperationCreatedByTheCaller() {
		JsonNode op = post("/foundationModels/v1/completionAsync", "{}");

		assertThat(op.path("id").asText()).matches("[a-z0-9]{20}");
		assertThat(op.path("createdBy").asText()).isEqualTo(sa.id());
		assertThat(op.path("done").asBoolean()).isFalse();
	}

	@Test
	void embeddingHasAVector() {
		JsonNode embedding = post("/foundationModels/v1/textEmbedding", "{}").path("embedding");

		assertThat(embedding.isArray()).isTrue();
		assertThat(embedding.size()).isPositive();
		assertThat(embedding.get(0).isNumber()).isTrue();
	}

	@Test
	void workflowStartHasAnExecutionIdAndGetEchoesIt() {
		String id = post("/workflows/v1/execution/start", "{\"workflowId\":\"dfq0\"}").path("executionId").asText();
		HttpResponse<String> r = http.get("/workflows/v1/execution/" + id).auth(token.authorization()).send();

		assertThat(id).isNotEmpty();
		assertThat(Json.body(r).path("execution").path("id").asText()).isEqualTo(id);
	}

	@Test
	void chatCompletionHasChoicesAndANumericCreatedTime() {
		JsonNode body = post("/v1/chat/completions", "{\"model\":\"gpt://" + sa.folderId() + "/yandexgpt/latest\",\"messages\":[]}");

		assertThat(body.path("object").asText()).isEqualTo("chat.completion");
		assertThat(body.path("created").isNumber()).isTrue();
		assertThat(body.path("created").asLong()).isCloseTo(cloud.clock().instant().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
		assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
	}

	@Test
	void methodWithoutAKnownShapeAnswersAnEmptyObject() {
		HttpResponse<String> r = http.get("/kms/v1/keys?folderId=" + sa.folderId()).auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("{}");
	}
}
