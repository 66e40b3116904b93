package dev.fakeyc.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the fixture classes share: a way to send a real request. */
final class Fixtures {
	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Fixtures() {
	}

	static int send(String method, URI base, String path, String authorization) {
		HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
				.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		try {
			return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static int get(URI base, String path, String authorization) {
		return send("GET", base, path, authorization);
	}

	static int post(URI base, String path, String authorization) {
		return send("POST", base, path, authorization);
	}
}
