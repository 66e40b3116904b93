package dev.fakeyc.samples.openai;

import dev.fakeyc.junit.FakeYandexCloudExtension;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StreamScript;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A stream cut before {@code [DONE]}: LangChain4j's streaming model calls onError after the pieces it did receive. */
class LangChain4jBrokenStreamTest {
	@RegisterExtension
	static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder()
			.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("Hel").text("lo").finish("stop").breakOffAfter(1)
					// the cut comes 200 ms after "Hel": the JDK HttpClient's body stream (LangChain4j reads one) may report an
					// end that arrives together with the last piece before handing out that piece
					.pause(Duration.ofMillis(200)).build())
			.build();

	@Test
	void aStreamCutMidwayEndsInOnError(@Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(cloud.baseUrl().resolve("/v1").toString()).apiKey(key.value())
				.modelName("gpt://" + sa.folderId() + "/yandexgpt/latest").build();
		LangChain4jOpenAiTest.Received received = new LangChain4jOpenAiTest.Received();

		model.chat("Say hello", received);

		ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> received.done.get(10, TimeUnit.SECONDS));
		assertThat(failed).as("onError, not onCompleteResponse").hasCauseInstanceOf(LangChain4jException.class);
		assertThat(received.pieces).containsExactly("Hel");
	}
}
