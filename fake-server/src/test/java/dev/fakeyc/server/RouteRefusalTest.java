package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeyc.server.internal.catalog.CatalogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A route refuses what the real service refuses in an authenticated body: base64 embeddings on the
 * OpenAI-compatible route (float only: yandex-cloud/docs en/ai-studio/concepts/openai-compatibility.md,
 * "Embeddings"; HKUDS/LightRAG#2935), where the OpenAI Node SDK's
 * default would otherwise decode a float array as base64 into garbage without an error.
 */
class RouteRefusalTest extends FakeCloudTestBase {

	private String model() {
		return "emb://" + sa.folderId() + "/text-search-doc/latest";
	}

	@Test
	void base64EmbeddingsAreRefusedInTheAiStyleAfterAuthentication() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.LANGUAGE_MODELS_EXECUTE));

		HttpResponse<String> r = http.post("/v1/embeddings", "{\"model\":\"" + model() + "\",\"input\":\"x\",\"encoding_format\":\"base64\"}")
				.auth(key.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
		JsonNode error = Json.body(r).path("error");
		assertThat(error.path("grpcCode").asInt()).isEqualTo(3);
		assertThat(error.path("httpCode").asInt()).isEqualTo(400);
		assertThat(error.path("message").asText()).isEqualTo("encoding_format base64 is not supported; use float");
		assertThat(error.path("details").get(0).path("requestId").asText()).isEqualTo(Json.requestId(r));
		assertThat(cloud.journal().last()).get().satisfies(recorded -> {
			assertThat(recorded.outcome()).isEqualTo(Outcome.REJECTED);
			assertThat(recorded.status()).isEqualTo(400);
			assertThat(recorded.reason()).contains("encoding_format 'base64'");
		});
	}

	@Test
	void floatOrAbsentEncodingFormatGetsTheVector() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.LANGUAGE_MODELS_EXECUTE));

		for (String format : new String[]{ ",\"encoding_format\":\"float\"", "" }) {
			HttpResponse<String> r = http.post("/v1/embeddings", "{\"model\":\"" + model() + "\",\"input\":\"x\"" + format + "}")
					.auth(key.authorization()).send();

			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			assertThat(Json.body(r).path("data").get(0).path("embedding").get(0).isNumber()).isTrue();
		}
	}

	@Test
	void authenticationComesFirst() {
		HttpResponse<String> r = http.post("/v1/embeddings", "{\"model\":\"" + model() + "\",\"input\":\"x\",\"encoding_format\":\"base64\"}").send();

		assertThat(r.statusCode()).isEqualTo(401);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"not a body field | {\"when\":\"header:x\",\"equals\":\"a\",\"status\":400,\"grpcCode\":3,\"message\":\"m\"} | $.services[0].resources[0].routes[0].refuse[0].when: must name a body field",
			"success status | {\"when\":\"body:a\",\"equals\":\"b\",\"status\":200,\"grpcCode\":3,\"message\":\"m\"} | $.services[0].resources[0].routes[0].refuse[0].status: must be an error status from 400 to 599",
			"gRPC code | {\"when\":\"body:a\",\"equals\":\"b\",\"status\":400,\"grpcCode\":17,\"message\":\"m\"} | $.services[0].resources[0].routes[0].refuse[0].grpcCode: must be a gRPC code from 0 to 16",
			"unknown field | {\"when\":\"body:a\",\"equals\":\"b\",\"status\":400,\"grpcCode\":3,\"message\":\"m\",\"why\":1} | $.services[0].resources[0].routes[0].refuse[0].why: unknown field",
			"no message | {\"when\":\"body:a\",\"equals\":\"b\",\"status\":400,\"grpcCode\":3} | $.services[0].resources[0].routes[0].refuse[0].message" })
	void aWrongRefusalIsRefusedNamingItsJsonPath(String name, String refusal, String expected) {
		String catalog = """
				{"services":[{"id":"my","resources":[{"id":"r","routes":[{"method":"POST","path":"/my/v1/x","refuse":[%s]}]}]}]}
				""".formatted(refusal);

		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog(catalog)).isInstanceOf(CatalogException.class).hasMessageStartingWith(expected);
	}
}
