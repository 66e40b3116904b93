package dev.fakeyc.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small java.net.http client for the tests: real HTTP to the real server over loopback. */
final class Http {
	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final FakeYandexCloud cloud;

	Http(FakeYandexCloud cloud) {
		this.cloud = cloud;
	}

	Request get(String path) {
		return new Request("GET", path, null);
	}

	Request delete(String path) {
		return new Request("DELETE", path, null);
	}

	Request post(String path, String body) {
		return new Request("POST", path, body);
	}

	final class Request {
		private final HttpRequest.Builder builder;

		Request(String method, String path, String body) {
			URI uri = cloud.url(path);
			builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			if (body != null) {
				builder.header("Content-Type", "application/json");
			}
		}

		Request header(String name, String value) {
			builder.header(name, value);
			return this;
		}

		/** Replaces the Content-Type (JSON when a body is given). */
		Request contentType(String value) {
			builder.setHeader("Content-Type", value);
			return this;
		}

		Request auth(String authorization) {
			return header("Authorization", authorization);
		}

		HttpResponse<String> send() {
			try {
				return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}
}
