package dev.fakeyc.samples.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
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
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The official OpenAI Java SDK, unchanged but for its base URL, against the fake's OpenAI-compatible API: answers,
 * streams and refusals as the SDK surfaces them.
 */
@WithFakeYandexCloud
class OpenAiJavaClientTest {
	private static OpenAIClient client(URI url, String apiKey) {
		return OpenAIOkHttpClient.builder().baseUrl(url.resolve("/v1").toString()).apiKey(apiKey).maxRetries(0).build();
	}

	private static ChatCompletionCreateParams chat(String folder) {
		return ChatCompletionCreateParams.builder().model("gpt://" + folder + "/yandexgpt/latest").addUserMessage("Say hi").build();
	}

	@Test
	void chatCompletion(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa, ReceivedRequests requests) {
		ChatCompletion completion = client(url, key.value()).chat().completions().create(chat(sa.folderId()));

		assertThat(completion.choices().get(0).message().content()).hasValue("This is a reply from fakeyc.");
		assertThat(requests).hasSize(1).allAccepted().allWithScheme("Bearer").hasRequestTo("openai-compatible", "openai");
	}

	@Test
	void streamedChatCompletionArrivesPieceByPieceAndEndsNormally(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key,
			ServiceAccount sa) {
		List<String> pieces = new ArrayList<>();
		List<String> finishReasons = new ArrayList<>();
		ChatCompletionCreateParams params = chat(sa.folderId()).toBuilder()
				.streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
		Optional<Long> totalTokens;
		try (StreamResponse<ChatCompletionChunk> stream = client(url, key.value()).chat().completions().createStreaming(params)) {
			List<ChatCompletionChunk> chunks = stream.stream().toList();
			for (ChatCompletionChunk chunk : chunks) {
				chunk.choices().forEach(choice -> {
					choice.delta().content().filter(c -> !c.isEmpty()).ifPresent(pieces::add);
					choice.finishReason().ifPresent(reason -> finishReasons.add(reason.asString()));
				});
			}
			totalTokens = chunks.get(chunks.size() - 1).usage().map(u -> u.totalTokens());
		}

		assertThat(pieces).containsExactly("This", " is", " a", " reply", " from", " fakeyc.");
		assertThat(finishReasons).containsExactly("stop");
		assertThat(totalTokens).hasValue(15L);
	}

	@Test
	void embeddings(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		CreateEmbeddingResponse response = client(url, key.value()).embeddings()
				.create(EmbeddingCreateParams.builder().model("emb://" + sa.folderId() + "/text-search-doc/latest").input("a text")
						// the SDK asks for base64 unless told float, and the cloud (so the fake) refuses base64 (README, "messages")
						.encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

		assertThat(response.data().get(0).embedding()).hasSize(8);
	}

	@Test
	void responsesApi(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		Response response = client(url, key.value()).responses()
				.create(ResponseCreateParams.builder().model("gpt://" + sa.folderId() + "/yandexgpt/latest").input("Say hi").build());

		assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo("This is a reply from fakeyc.");
	}

	@Test
	void streamedResponsesApiDeltasInOrderThenCompleted(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		List<String> deltas = new ArrayList<>();
		List<String> completed = new ArrayList<>();
		ResponseCreateParams params = ResponseCreateParams.builder().model("gpt://" + sa.folderId() + "/yandexgpt/latest").input("Say hi").build();
		try (StreamResponse<ResponseStreamEvent> stream = client(url, key.value()).responses().createStreaming(params)) {
			stream.stream().forEach(event -> {
				event.outputTextDelta().ifPresent(d -> deltas.add(d.delta()));
				event.completed().ifPresent(c -> completed.add(c.response().status().map(Object::toString).orElse("?")));
			});
		}

		assertThat(deltas).containsExactly("This", " is", " a", " reply", " from", " fakeyc.");
		assertThat(completed).containsExactly("completed");
	}

	@Test
	void unknownKeyIsUnauthorized(@FakeCloudUrl URI url, ServiceAccount sa) {
		UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class,
				() -> client(url, "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm").chat().completions().create(chat(sa.folderId())));

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.getMessage()).contains("Unknown api key 'AQVN****ICtm (");
	}

	@Test
	void expiredKeyIsUnauthorized(@FakeCloudUrl URI url, @Expired @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key, ServiceAccount sa) {
		UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class,
				() -> client(url, key.value()).chat().completions().create(chat(sa.folderId())));

		assertThat(refused.getMessage()).contains("The apikey has expired");
	}

	@Test
	void keyScopedForAnotherServiceIsUnknown(@FakeCloudUrl URI url, @Scoped(Scopes.VISION_EXECUTE) ApiKey key, ServiceAccount sa) {
		UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class,
				() -> client(url, key.value()).chat().completions().create(chat(sa.folderId())));

		assertThat(refused.getMessage()).contains("Unknown api key 'AQVN****");
	}

	@Test
	void userTokenWithoutAFolderIsUnauthorized(@FakeCloudUrl URI url, @UserAccountToken IamToken token, ServiceAccount sa) {
		UnauthorizedException refused = catchThrowableOfType(UnauthorizedException.class,
				() -> client(url, token.value()).chat().completions().create(chat(sa.folderId())));

		assertThat(refused.getMessage()).contains("You have to specify folder ID for user account");
	}

	@Test
	void userTokenWithAFolderAsTheOpenAiProjectIsAccepted(@FakeCloudUrl URI url, @UserAccountToken IamToken token, ServiceAccount sa) {
		OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url.resolve("/v1").toString()).apiKey(token.value()).project(sa.folderId())
				.maxRetries(0).build();

		assertThat(client.chat().completions().create(chat(sa.folderId())).choices()).hasSize(1);
	}

	@Test
	void folderMismatchIsABadRequest(@FakeCloudUrl URI url, @Scoped(Scopes.FOUNDATION_MODELS_EXECUTE) ApiKey key) {
		BadRequestException refused = catchThrowableOfType(BadRequestException.class,
				() -> client(url, key.value()).chat().completions().create(chat("b1gotherfolder000001")));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.getMessage()).contains("Specified folder ID does not match with service account");
	}
}
