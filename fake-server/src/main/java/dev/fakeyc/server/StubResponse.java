package dev.fakeyc.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response a test sets for a route in place of the fake's default one. Immutable; built with
 * {@link #builder()} or the shortcuts.
 *
 * <pre>{@code
 * cloud.stub("POST", "/foundationModels/v1/completion",
 *         StubResponse.json(200, "{\"result\":{\"alternatives\":[]}}"));
 * cloud.stub("GET", "/workflows/v1/execution/{executionId}",
 *         StubResponse.builder().status(503).header("Retry-After", "1").body("busy").build());
 * }</pre>
 *
 * @param status  the HTTP status
 * @param headers response headers (in addition to {@code x-request-id} and {@code x-server-trace-id})
 * @param body    the body bytes
 * @since 0.1
 */
public record StubResponse(int status, Map<String, String> headers, byte[] body) {
	public StubResponse {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be between 100 and 599: " + status);
		}
		headers = Map.copyOf(Objects.requireNonNull(headers, "headers must not be null"));
		body = Objects.requireNonNull(body, "body must not be null").clone();
	}

	/** A JSON response with the given status. */
	public static StubResponse json(int status, String json) {
		return builder().status(status).header("Content-Type", "application/json").body(json).build();
	}

	/** A new builder: status 200, no headers, empty body. */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public byte[] body() {
		return body.clone();
	}

	/** The body as UTF-8 text. */
	public String bodyText() {
		return new String(body, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof StubResponse other && status == other.status && headers.equals(other.headers)
				&& java.util.Arrays.equals(body, other.body);
	}

	@Override
	public int hashCode() {
		return Objects.hash(status, headers, java.util.Arrays.hashCode(body));
	}

	@Override
	public String toString() {
		return "StubResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
	}

	/** Builds a {@link StubResponse}. */
	public static final class Builder {
		private int status = 200;
		private final Map<String, String> headers = new LinkedHashMap<>();
		private byte[] body = new byte[0];

		private Builder() {
		}

		public Builder status(int status) {
			this.status = status;
			return this;
		}

		public Builder header(String name, String value) {
			headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
			return this;
		}

		public Builder body(String text) {
			this.body = text.getBytes(StandardCharsets.UTF_8);
			return this;
		}

		public Builder body(byte[] bytes) {
			this.body = bytes.clone();
			return this;
		}

		public StubResponse build() {
			return new StubResponse(status, headers, body);
		}
	}
}
