package dev.fakeyc.server;

import dev.fakeyc.server.internal.catalog.CatalogException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream scripted in the catalog format (the standalone config's {@code services}): strict, and streamed as written. */
class CatalogStreamTest {
	private static String catalog(String stream) {
		return """
				{"services":[{"id":"my-llm","errorStyle":"ai","resources":[{"id":"chat","routes":[
				  {"method":"POST","path":"/my/v1/chat/completions","response":{"stream":%s}}]}]}]}
				""".formatted(stream);
	}

	@Test
	void aScriptInTheCatalogIsStreamedWithItsPauseAndBreaksOff() {
		String script = """
				{"format":"openai-chat","when":"body:stream","pause":"PT0.01S","breakOffAfter":2,
				 "chunks":[{"text":"Hel"},{"toolCall":{"id":"call_1","name":"weather","arguments":{"city":"Moscow"}}},{"finishReason":"stop"},
				           {"usage":{"promptTokens":3,"completionTokens":2}}]}
				""";
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().catalog(catalog(script)).build().start()) {
			IamToken token = cloud.issueIamToken(cloud.createServiceAccount());
			String body = "{\"model\":\"m\",\"stream\":true}";

			RawHttp.Response r = RawHttp.parse(RawHttp.exchange(cloud.port(), "POST /my/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
					+ token.authorization() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n",
					body.getBytes(StandardCharsets.UTF_8)));

			assertThat(r.status()).isEqualTo(200);
			assertThat(r.header("content-type")).isEqualTo("text/event-stream");
			assertThat(r.body()).contains("\"delta\":{\"content\":\"Hel\"}")
					.contains("\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Moscow\\\"}\"}")
					.doesNotContain("finish_reason\":\"stop\"").doesNotContain("[DONE]");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"unknown field | {\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[],\"pauze\":\"PT1S\"} | $.services[0].resources[0].routes[0].response.stream.pauze: unknown field",
			"unknown format | {\"format\":\"grpc\",\"when\":\"body:stream\",\"chunks\":[]} | $.services[0].resources[0].routes[0].response.stream.format: '****' is not one of [openai_chat, openai_completion, openai_responses, foundation_models]",
			"when not a body field | {\"format\":\"openai-chat\",\"when\":\"header:accept\",\"chunks\":[]} | $.services[0].resources[0].routes[0].response.stream.when: must name a boolean body field",
			"two kinds in a chunk | {\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[{\"text\":\"a\",\"finishReason\":\"stop\"}]} | $.services[0].resources[0].routes[0].response.stream.chunks[0]: must hold exactly one of",
			"bad finish reason | {\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[{\"finishReason\":\"done\"}]} | $.services[0].resources[0].routes[0].response.stream.chunks[0]: finish reason 'done' is not one of [content_filter, length, stop, tool_calls]",
			"arguments not an object | {\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[{\"toolCall\":{\"id\":\"c\",\"name\":\"f\",\"arguments\":\"x\"}}]} | $.services[0].resources[0].routes[0].response.stream.chunks[0].toolCall.arguments: must be a JSON object",
			"bad pause | {\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[],\"pause\":\"50ms\"} | $.services[0].resources[0].routes[0].response.stream.pause: '50ms' is not an ISO-8601 duration, like PT0.05S for 50 ms",
			"break-off past the end | {\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[{\"text\":\"a\"}],\"breakOffAfter\":2} | $.services[0].resources[0].routes[0].response.stream: breakOffAfter must be between 0 and the number of chunks (1)" })
	void aWrongScriptIsRefusedNamingItsJsonPath(String name, String stream, String expected) {
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog(catalog(stream))).isInstanceOf(CatalogException.class).hasMessageStartingWith(expected);
	}

	@Test
	void scriptsFromJavaAreCheckedToo() {
		assertThatThrownBy(() -> StreamScript.builder().text("a").breakOffAfter(3).build()).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("breakOffAfter must be between 0 and the number of chunks (1), or StreamScript.NEVER, not 3");
		assertThatThrownBy(() -> StreamScript.builder().pause(java.time.Duration.ofMinutes(2)).build()).hasMessageContaining("pause must be between 0 and 1 minute");
		assertThatThrownBy(() -> StreamScript.builder().toolCall("c", "f", "[1]")).hasMessageContaining("must be a JSON object");
	}
}
