package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asks YandexGPT for a completion over REST ({@code POST /foundationModels/v1/completion}), as a team
 * would write it: base URL injectable, API key or IAM token, and the folder rules — a service
 * account's folder comes from the model URI, a user account must also send {@code x-folder-id}.
 *
 * <pre>{@code
 * var gpt = new YandexGptClient(URI.create("https://llm.api.cloud.yandex.net"), Credentials.apiKey(key), folderId, false);
 * String answer = gpt.complete("Say hi");
 * }</pre>
 */
public final class YandexGptClient {
	private final RestClient rest;
	private final String folderId;
	private final boolean sendFolderHeader;

	/**
	 * @param sendFolderHeader whether to send {@code x-folder-id} (needed with a user account's token)
	 */
	public YandexGptClient(URI baseUrl, Credentials credentials, String folderId, boolean sendFolderHeader) {
		this.rest = new RestClient(HttpClient.newHttpClient(), baseUrl, credentials);
		this.folderId = Objects.requireNonNull(folderId, "folderId");
		this.sendFolderHeader = sendFolderHeader;
	}

	/** The model's answer to one user message. */
	public String complete(String prompt) {
		Map<String, Object> body = Map.of(
				"modelUri", "gpt://" + folderId + "/yandexgpt/latest",
				"completionOptions", Map.of("stream", false, "temperature", 0.3, "maxTokens", "500"),
				"messages", List.of(Map.of("role", "user", "text", prompt)));
		JsonNode answer = rest.post("/foundationModels/v1/completion", body, sendFolderHeader ? Map.of("x-folder-id", folderId) : Map.of());
		return answer.path("result").path("alternatives").path(0).path("message").path("text").asText();
	}
}
