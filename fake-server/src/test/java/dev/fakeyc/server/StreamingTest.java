package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streamed answers over real HTTP, byte for byte: OpenAI server-sent events and Foundation Models' JSON lines. */
class StreamingTest extends FakeCloudTestBase {
	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
	private static final long CREATED = NOW.getEpochSecond();
	private IamToken token;
	private String model;

	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().clock(FakeClock.fixed(NOW));
	}

	@BeforeEach
	void credentials() {
		token = cloud.issueIamToken(sa);
		model = "gpt://" + sa.folderId() + "/yandexgpt/latest";
	}

	/** A chat.completion.chunk event as OpenAI writes it. */
	private String chatChunk(String id, String delta, String finishReason, boolean usageNull) {
		return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\"" + model
				+ "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
				+ (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]" + (usageNull ? ",\"usage\":null" : "") + "}\n\n";
	}

	private static String idOf(String body) {
		Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
		assertThat(m.find()).as("an id in %s", body).isTrue();
		return m.group(1);
	}

	@Test
	void chatCompletionWithStreamTrueAnswersServerSentEventsEndingWithDone() {
		HttpResponse<String> r = http.post("/v1/chat/completions",
				"{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
				.auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
		assertThat(r.headers().firstValue("x-request-id")).isPresent();
		String id = idOf(r.body());
		assertThat(id).startsWith("chatcmpl-");
		StringBuilder expected = new StringBuilder(chatChunk(id, "{\"role\":\"assistant\",\"content\":\"\"}", null, true));
		for (String piece : List.of("This", " is", " a", " reply", " from", " fakeyc.")) {
			expected.append(chatChunk(id, "{\"content\":\"" + piece + "\"}", null, true));
		}
		expected.append(chatChunk(id, "{}", "stop", true));
		expected.append("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\"" + model
				+ "\",\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":7,\"total_tokens\":15}}\n\n");
		expected.append("data: [DONE]\n\n");
		assertThat(r.body()).isEqualTo(expected.toString());
	}

	@Test
	void usageChunkOnlyWhenTheRequestAsksForIt() {
		HttpResponse<String> r = http.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":true}").auth(token.authorization()).send();

		String id = idOf(r.body());
		assertThat(r.body()).doesNotContain("usage").endsWith(chatChunk(id, "{}", "stop", false) + "data: [DONE]\n\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/event-stream", "application/json", "*/*", "" })
	void theBodysStreamFieldDecidesNeverTheAcceptHeader(String accept) {
		Http.Request streamed = http.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":true}").auth(token.authorization());
		Http.Request plain = http.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":false}").auth(token.authorization());
		if (!accept.isEmpty()) {
			streamed.header("Accept", accept);
			plain.header("Accept", accept);
		}

		HttpResponse<String> s = streamed.send();
		HttpResponse<String> p = plain.send();

		assertThat(s.headers().firstValue("content-type")).hasValue("text/event-stream");
		assertThat(s.body()).startsWith("data: {").endsWith("data: [DONE]\n\n");
		assertThat(p.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(p.body()).startsWith("{\"id\":").contains("\"object\":\"chat.completion\"");
	}

	@Test
	void aRefusalOfAStreamedRequestIsPlainJsonBeforeAnyEvent() {
		HttpResponse<String> r = http.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":true}").auth("Bearer t1.unknown").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(r.body()).isEqualTo("{\"error\":{\"grpcCode\":16,\"httpCode\":401,\"message\":\"The token is invalid\",\"httpStatus\":\"Unauthorized\","
				+ "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + r.headers().firstValue("x-request-id").orElseThrow()
				+ "\"}]}}");
	}

	@Test
	void legacyCompletionStreamsTextCompletionChunks() {
		HttpResponse<String> r = http.post("/v1/completions", "{\"model\":\"" + model + "\",\"prompt\":\"hi\",\"stream\":true}")
				.auth(token.authorization()).send();

		assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
		String id = idOf(r.body());
		StringBuilder expected = new StringBuilder();
		for (String piece : List.of("This", " is", " a", " reply", " from", " fakeyc.")) {
			expected.append("data: {\"id\":\"" + id + "\",\"object\":\"text_completion\",\"created\":" + CREATED + ",\"model\":\"" + model
					+ "\",\"choices\":[{\"text\":\"" + piece + "\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n");
		}
		expected.append("data: {\"id\":\"" + id + "\",\"object\":\"text_completion\",\"created\":" + CREATED + ",\"model\":\"" + model
				+ "\",\"choices\":[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
		expected.append("data: [DONE]\n\n");
		assertThat(r.body()).isEqualTo(expected.toString());
	}

	@Test
	void responsesApiStreamsTypedEventsWithEventLines() {
		HttpResponse<String> r = http.post("/v1/responses", "{\"model\":\"" + model + "\",\"input\":\"hi\",\"stream\":true}").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
		List<String> types = new ArrayList<>();
		Matcher events = Pattern.compile("event: ([a-z_.]+)\ndata: \\{\"type\":\"([a-z_.]+)\",\"sequence_number\":(\\d+),").matcher(r.body());
		while (events.find()) {
			assertThat(events.group(2)).isEqualTo(events.group(1));
			assertThat(Integer.parseInt(events.group(3))).isEqualTo(types.size());
			types.add(events.group(1));
		}
		assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
				"response.output_text.delta", "response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
				"response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
				"response.output_item.done", "response.completed");
		assertThat(r.body().split("\n\n")).hasSize(types.size());
		assertThat(r.body()).contains("\"delta\":\" fakeyc.\"").contains("\"text\":\"This is a reply from fakeyc.\"")
				.contains("\"usage\":{\"input_tokens\":8,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":7,"
						+ "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":15}")
				.doesNotContain("[DONE]");
	}

	@Test
	void foundationModelsStreamsOneJsonObjectPerLineWithTheTextSoFar() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion",
				"{\"modelUri\":\"" + model + "\",\"completionOptions\":{\"stream\":true},\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}")
				.auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
		StringBuilder expected = new StringBuilder();
		String soFar = "";
		for (String piece : List.of("This", " is", " a", " reply", " from", " fakeyc.")) {
			soFar += piece;
			expected.append(fmLine(soFar, "ALTERNATIVE_STATUS_PARTIAL", 0, 0));
		}
		expected.append(fmLine(soFar, "ALTERNATIVE_STATUS_FINAL", 8, 7));
		assertThat(r.body()).isEqualTo(expected.toString());
	}

	private static String fmLine(String text, String status, int input, int completion) {
		return "{\"result\":{\"alternatives\":[{\"message\":{\"role\":\"assistant\",\"text\":\"" + text + "\"},\"status\":\"" + status + "\"}],"
				+ "\"usage\":{\"inputTextTokens\":\"" + input + "\",\"completionTokens\":\"" + completion + "\",\"totalTokens\":\"" + (input + completion)
				+ "\"},\"modelVersion\":\"fakeyc\"}}\n";
	}

	@Test
	void foundationModelsWithoutStreamAnswersOneObject() {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{\"modelUri\":\"" + model + "\",\"completionOptions\":{\"stream\":false}}")
				.auth(token.authorization()).send();

		assertThat(r.body()).startsWith("{\"result\":").doesNotContain("\n");
	}

	@Test
	void aTestScriptsTextPiecesAToolCallAFinishReasonAndUsage() {
		cloud.stubStream("POST", "/v1/chat/completions", StreamScript.builder()
				.text("Let me check.")
				.toolCall("call_1", "weather", "{\"city\":\"Moscow\"}")
				.finish("tool_calls")
				.usage(12, 5)
				.build());

		HttpResponse<String> r = http.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}")
				.auth(token.authorization()).send();

		String id = idOf(r.body());
		assertThat(r.body()).isEqualTo(chatChunk(id, "{\"role\":\"assistant\",\"content\":\"\"}", null, true)
				+ chatChunk(id, "{\"content\":\"Let me check.\"}", null, true)
				+ chatChunk(id, "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
						+ "\"arguments\":\"{\\\"city\\\":\\\"Moscow\\\"}\"}}]}", null, true)
				+ chatChunk(id, "{}", "tool_calls", true)
				+ "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED + ",\"model\":\"" + model
				+ "\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}\n\n"
				+ "data: [DONE]\n\n");
	}

	@Test
	void theSameScriptRendersInFoundationModelsOwnFormat() {
		cloud.stubStream("POST", "/foundationModels/v1/completion", StreamScript.builder()
				.toolCall("call_1", "weather", "{\"city\":\"Moscow\"}").usage(12, 5).finish("tool_calls").build());

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{\"modelUri\":\"" + model + "\",\"completionOptions\":{\"stream\":true}}")
				.auth(token.authorization()).send();

		String calls = "{\"toolCallList\":{\"toolCalls\":[{\"functionCall\":{\"name\":\"weather\",\"arguments\":{\"city\":\"Moscow\"}}}]}}";
		assertThat(r.body()).isEqualTo(
				"{\"result\":{\"alternatives\":[{\"message\":{\"role\":\"assistant\"," + calls.substring(1, calls.length() - 1)
						+ "},\"status\":\"ALTERNATIVE_STATUS_PARTIAL\"}],\"usage\":{\"inputTextTokens\":\"0\",\"completionTokens\":\"0\",\"totalTokens\":\"0\"},\"modelVersion\":\"fakeyc\"}}\n"
						+ "{\"result\":{\"alternatives\":[{\"message\":{\"role\":\"assistant\"," + calls.substring(1, calls.length() - 1)
						+ "},\"status\":\"ALTERNATIVE_STATUS_TOOL_CALLS\"}],\"usage\":{\"inputTextTokens\":\"12\",\"completionTokens\":\"5\",\"totalTokens\":\"17\"},\"modelVersion\":\"fakeyc\"}}\n");
	}

	@Test
	void aStreamStubDoesNotChangeThePlainAnswer() {
		cloud.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("streamed").build());

		HttpResponse<String> r = http.post("/v1/chat/completions", "{\"model\":\"" + model + "\"}").auth(token.authorization()).send();

		assertThat(r.body()).contains("\"content\":\"This is a reply from fakeyc.\"");
	}

	@Test
	void aBrokenOffStreamClosesTheConnectionBeforeDone() {
		cloud.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("Hel").text("lo").finish("stop").breakOffAfter(1).build());
		String body = "{\"model\":\"" + model + "\",\"stream\":true}";

		String raw = RawHttp.exchange(cloud.port(), "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token.authorization()
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n", body.getBytes(StandardCharsets.UTF_8));

		RawHttp.Response r = RawHttp.parse(raw);
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
		assertThat(r.body()).contains("\"content\":\"Hel\"").doesNotContain("\"content\":\"lo\"").doesNotContain("[DONE]")
				.as("no last chunk: the chunked body is cut, not ended").doesNotEndWith("0\r\n\r\n");
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::status).isEqualTo(200);
	}

	@Test
	void aBreakOffComesOnePauseAfterTheLastPieceNotWithIt() throws IOException {
		cloud.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("Hel").text("lo").breakOffAfter(1).pause(Duration.ofSeconds(2)).build());
		String body = "{\"model\":\"" + model + "\",\"stream\":true}";
		try (Socket socket = new Socket("127.0.0.1", cloud.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token.authorization()
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream seen = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (!seen.toString(StandardCharsets.UTF_8).contains("\"content\":\"Hel\"")) {
				int n = in.read(buffer);
				assertThat(n).as("the stream ended before the first piece: %s", seen).isPositive();
				seen.write(buffer, 0, n);
			}

			socket.setSoTimeout(500);
			assertThatThrownBy(() -> in.read(buffer)).as("the connection stays open for the pause after \"Hel\"").isInstanceOf(SocketTimeoutException.class);
			socket.setSoTimeout(10_000);
			seen.write(in.readAllBytes());
			assertThat(seen.toString(StandardCharsets.UTF_8)).as("then it ends, cut").doesNotContain("\"content\":\"lo\"").doesNotContain("[DONE]")
					.doesNotEndWith("0\r\n\r\n");
		}
	}

	@Test
	void eventsAreFlushedOneByOneTheFirstArrivesBeforeTheLastIsWritten() throws IOException {
		cloud.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("first").text("last").pause(Duration.ofSeconds(2)).build());
		String body = "{\"model\":\"" + model + "\",\"stream\":true}";
		try (Socket socket = new Socket("127.0.0.1", cloud.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token.authorization()
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
					.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream seen = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (!seen.toString(StandardCharsets.UTF_8).contains("\"content\":\"first\"")) {
				int n = in.read(buffer);
				assertThat(n).as("the stream ended before the first piece: %s", seen).isPositive();
				seen.write(buffer, 0, n);
			}

			assertThat(seen.toString(StandardCharsets.UTF_8)).as("the first piece arrived alone, 2 s before the last").doesNotContain("\"content\":\"last\"")
					.doesNotContain("[DONE]");
			seen.write(in.readAllBytes());
			assertThat(seen.toString(StandardCharsets.UTF_8)).contains("\"content\":\"last\"").contains("data: [DONE]\n\n");
		}
	}
}
