package dev.fakeyc.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP from the test's machine to a container's published port. */
final class Http {
	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	HttpResponse<String> get(String url, String authorization) {
		return send(builder(url, authorization).GET());
	}

	HttpResponse<String> post(String url, String authorization, String body) {
		return send(builder(url, authorization).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
	}

	private static HttpRequest.Builder builder(String url, String authorization) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		return authorization == null ? b : b.header("Authorization", authorization);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
