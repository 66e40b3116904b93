package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The small REST core the sample clients share: JSON in and out, errors turned into
 * {@link YandexCloudException}, and one retry after a 401 when the credentials can refresh.
 */
final class RestClient {
	static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http;
	private final URI baseUrl;
	private final Credentials credentials;

	RestClient(HttpClient http, URI baseUrl, Credentials credentials) {
		this.http = http;
		this.baseUrl = baseUrl;
		this.credentials = credentials;
	}

	JsonNode post(String path, Object body, Map<String, String> headers) {
		return send("POST", path, toJson(body), headers);
	}

	JsonNode get(String path, Map<String, String> headers) {
		return send("GET", path, null, headers);
	}

	CompletableFuture<JsonNode> postAsync(String path, Object body, Map<String, String> headers) {
		HttpRequest request = request("POST", path, toJson(body), headers);
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(RestClient::read);
	}

	private JsonNode send(String method, String path, String body, Map<String, String> headers) {
		try {
			HttpResponse<String> response = http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 401 && credentials.refreshAfterRejection()) {
				response = http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
			}
			return read(response);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	private HttpRequest request(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder b = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30))
				.header("Authorization", credentials.authorization())
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			b.header("Content-Type", "application/json");
		}
		headers.forEach(b::header);
		return b.build();
	}

	static JsonNode read(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 2) {
			throw YandexCloudException.from(response.statusCode(), response.body(), response.headers().firstValue("x-request-id").orElse(""));
		}
		try {
			return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
		} catch (IOException e) {
			throw new UncheckedIOException("answer is not JSON: " + response.body(), e);
		}
	}

	static String toJson(Object body) {
		try {
			return body instanceof String s ? s : JSON.writeValueAsString(body);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
