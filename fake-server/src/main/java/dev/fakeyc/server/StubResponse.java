package dev.fakeyc.server;

import org.apiguardian.api.API;
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
@API(status = API.Status.STABLE, since = "0.1")
public record StubResponse(int status, Map<String, String> headers, byte[] body) {
	/**
	 * Checks the values; headers and body are copied.
	 *
	 * @param status  the HTTP status, 100 to 599
	 * @param headers response headers, name to value
	 * @param body    the body bytes; empty for none
	 * @throws IllegalArgumentException for a status outside 100 to 599
	 * @throws NullPointerException     for null headers or body
	 */
	public StubResponse {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("status must be between 100 and 599: " + status);
		}
		headers = Map.copyOf(Objects.requireNonNull(headers, "headers must not be null"));
		body = Objects.requireNonNull(body, "body must not be null").clone();
	}

	/**
	 * A JSON response with the given status.
	 *
	 * @param status the HTTP status, 100 to 599
	 * @param json   the body, sent as UTF-8 with {@code Content-Type: application/json}; not checked to be JSON
	 * @return the response
	 * @throws IllegalArgumentException for a status outside 100 to 599
	 * @throws NullPointerException     for a null body
	 */
	public static StubResponse json(int status, String json) {
		return builder().status(status).header("Content-Type", "application/json").body(json).build();
	}

	/**
	 * A new builder: status 200, no headers, empty body.
	 *
	 * @return a builder; not thread-safe
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The body bytes.
	 *
	 * @return a copy of the body; changing it changes nothing here
	 */
	@Override
	public byte[] body() {
		return body.clone();
	}

	/**
	 * The body as text.
	 *
	 * @return the body decoded as UTF-8 (malformed bytes become U+FFFD)
	 */
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
	@API(status = API.Status.STABLE, since = "0.1")
	public static final class Builder {
		private int status = 200;
		private final Map<String, String> headers = new LinkedHashMap<>();
		private byte[] body = new byte[0];

		private Builder() {
		}

		/**
		 * The HTTP status; checked by {@link #build()}.
		 *
		 * @param status 100 to 599
		 * @return this builder
		 */
		public Builder status(int status) {
			this.status = status;
			return this;
		}

		/**
		 * Sets a response header, replacing an earlier value of the same name.
		 *
		 * @param name  the header's name
		 * @param value its value
		 * @return this builder
		 * @throws NullPointerException for a null name or value
		 */
		public Builder header(String name, String value) {
			headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
			return this;
		}

		/**
		 * The body as text, sent as UTF-8.
		 *
		 * @param text the body
		 * @return this builder
		 * @throws NullPointerException for a null text
		 */
		public Builder body(String text) {
			this.body = text.getBytes(StandardCharsets.UTF_8);
			return this;
		}

		/**
		 * The body as bytes, copied.
		 *
		 * @param bytes the body
		 * @return this builder
		 * @throws NullPointerException for null bytes
		 */
		public Builder body(byte[] bytes) {
			this.body = bytes.clone();
			return this;
		}

		/**
		 * Builds the response.
		 *
		 * @return a new response with what was set so far
		 * @throws IllegalArgumentException for a status outside 100 to 599
		 */
		public StubResponse build() {
			return new StubResponse(status, headers, body);
		}
	}
}
