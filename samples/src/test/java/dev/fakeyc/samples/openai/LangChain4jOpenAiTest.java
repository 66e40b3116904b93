package dev.fakeyc.samples.openai;

import dev.fakeyc.junit.Expired;
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.junit.UserAccountToken;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiResponsesChatModel;
import dev.langchain4j.model.openai.OpenAiResponsesStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * LangChain4j's OpenAI models, unchanged but for their base URL, against the fake's OpenAI-compatible API: answers,
 * streams and refusals as LangChain4j surfaces them.
 */
@WithFakeYandexCloud
class LangChain4jOpenAiTest {
	private static String base(URI url) {
		return url.resolve("/v1").toString();
	}

	private static ChatModel chatModel(URI url, String apiKey, String folder) {
		return OpenAiChatModel.builder().baseUrl(base(url)).apiKey(apiKey).modelName("gpt://" + folder + "/yandexgpt/latest").maxRetries(0).build();
	}

	/** What a streaming handler received: the pieces in order, then the complete response or the error. */
	static final class Received implements StreamingChatResponseHandler {
		final List<String> pieces = new CopyOnWriteArrayList<>();
		final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

		@Override
		public void onPartialResponse(String piece) {
			pieces.add(piece);
		}

		@Override
		public void onCompleteResponse(ChatResponse response) {
			done.complete(response);
		}

		@Override
		public void onError(Throwable error) {
			done.completeExceptionally(error);
		}
	}

	@Test
	void chat(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa, ReceivedRequests requests) {
		assertThat(chatModel(url, key.value(), sa.folderId()).chat("Say hi")).isEqualTo("This is a reply from fakeyc.");
		assertThat(requests).hasSize(1).allAccepted().allWithScheme("Bearer");
	}

	@Test
	void streamedChatArrivesPieceByPieceAndEndsNormally(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa)
			throws Exception {
		StreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(base(url)).apiKey(key.value())
				.modelName("gpt://" + sa.folderId() + "/yandexgpt/latest").build();
		Received received = new Received();

		model.chat("Say hi", received);

		ChatResponse response = received.done.get(10, TimeUnit.SECONDS);
		assertThat(received.pieces).containsExactly("This", " is", " a", " reply", " from", " fakeyc.");
		assertThat(response.aiMessage().text()).isEqualTo("This is a reply from fakeyc.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void embeddings(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(base(url)).apiKey(key.value())
				.modelName("emb://" + sa.folderId() + "/text-search-doc/latest").maxRetries(0).build();

		assertThat(model.embed("a text").content().vector()).hasSize(8);
	}

	@Test
	void responsesApi(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		ChatModel model = OpenAiResponsesChatModel.builder().baseUrl(base(url)).apiKey(key.value()).modelName("gpt://" + sa.folderId() + "/yandexgpt/latest")
				.build();

		assertThat(model.chat("Say hi")).isEqualTo("This is a reply from fakeyc.");
	}

	@Test
	void streamedResponsesApi(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) throws Exception {
		StreamingChatModel model = OpenAiResponsesStreamingChatModel.builder().baseUrl(base(url)).apiKey(key.value())
				.modelName("gpt://" + sa.folderId() + "/yandexgpt/latest").build();
		Received received = new Received();

		model.chat("Say hi", received);

		ChatResponse response = received.done.get(10, TimeUnit.SECONDS);
		assertThat(received.pieces).containsExactly("This", " is", " a", " reply", " from", " fakeyc.");
		assertThat(response.aiMessage().text()).isEqualTo("This is a reply from fakeyc.");
	}

	@Test
	void unknownKeyIsAnAuthenticationError(@FakeCloudUrl URI url, ServiceAccount sa) {
		AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
				() -> chatModel(url, "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm", sa.folderId()).chat("Say hi"));

		assertThat(refused.getMessage()).contains("Unknown api key 'AQVN****ICtm (");
	}

	@Test
	void expiredKeyIsAnAuthenticationError(@FakeCloudUrl URI url, @Expired @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		AuthenticationException refused = catchThrowableOfType(AuthenticationException.class, () -> chatModel(url, key.value(), sa.folderId()).chat("Say hi"));

		assertThat(refused.getMessage()).contains("The apikey has expired");
	}

	@Test
	void keyScopedForAnotherServiceIsUnknown(@FakeCloudUrl URI url, @Scoped(Scopes.VISION_EXECUTE) ApiKey key, ServiceAccount sa) {
		AuthenticationException refused = catchThrowableOfType(AuthenticationException.class, () -> chatModel(url, key.value(), sa.folderId()).chat("Say hi"));

		assertThat(refused.getMessage()).contains("Unknown api key 'AQVN****");
	}

	@Test
	void userTokenWithoutAFolderIsAnAuthenticationError(@FakeCloudUrl URI url, @UserAccountToken IamToken token, ServiceAccount sa) {
		AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
				() -> chatModel(url, token.value(), sa.folderId()).chat("Say hi"));

		assertThat(refused.getMessage()).contains("You have to specify folder ID for user account");
	}

	@Test
	void folderMismatchIsAnInvalidRequest(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key) {
		InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
				() -> chatModel(url, key.value(), "b1gotherfolder000001").chat("Say hi"));

		assertThat(refused.getMessage()).contains("Specified folder ID does not match with service account");
	}
}
