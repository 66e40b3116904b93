package dev.fakeyc.samples.openai;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIIoException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.fakeyc.junit.FakeYandexCloudExtension;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StreamScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A stream cut before {@code [DONE]}: the OpenAI Java SDK reports an error after the pieces it did receive. */
class OpenAiJavaBrokenStreamTest {
	// tag::broken-stream[]
	@RegisterExtension
	static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder()
			.stubStream("POST", "/v1/chat/completions", StreamScript.builder()
					.text("Hel").text("lo")
					.finish("stop")
					.breakOffAfter(1) // the connection closes after "Hel": no finish, no [DONE]
					.build())
			.build();

	@Test
	void aStreamCutMidwayIsAnErrorNotAShortAnswer(@Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		var client = OpenAIOkHttpClient.builder().baseUrl(cloud.baseUrl().resolve("/v1").toString()).apiKey(key.value()).maxRetries(0).build();
		ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt://" + sa.folderId() + "/yandexgpt/latest")
				.addUserMessage("Say hello").build();
		List<String> pieces = new ArrayList<>();

		Throwable error = catchThrowable(() -> {
			try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
				stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().filter(s -> !s.isEmpty()).ifPresent(pieces::add)));
			}
		});

		assertThat(pieces).containsExactly("Hel");
		assertThat(error).as("the SDK reports the cut connection").isInstanceOf(OpenAIIoException.class).hasMessage("Stream failed");
	}
	// end::broken-stream[]
}
