package dev.fakeyc.samples;

import java.util.Objects;

/**
 * What a client puts in {@code Authorization}: an API key, a fixed IAM token, or tokens from a
 * provider that refreshes them.
 */
public interface Credentials {
	/** The header value for the next request. */
	String authorization();

	/** Called after a 401: a refreshing provider drops its cached token. Returns whether a retry can help. */
	default boolean refreshAfterRejection() {
		return false;
	}

	static Credentials apiKey(String secret) {
		Objects.requireNonNull(secret, "secret");
		return () -> "Api-Key " + secret;
	}

	/** An API key sent as {@code Bearer}, as OpenAI clients and Prometheus' {@code bearer_token} do. */
	static Credentials apiKeyAsBearer(String secret) {
		Objects.requireNonNull(secret, "secret");
		return () -> "Bearer " + secret;
	}

	static Credentials iamToken(String token) {
		Objects.requireNonNull(token, "token");
		return () -> "Bearer " + token;
	}

	static Credentials iamTokens(IamTokenProvider provider) {
		Objects.requireNonNull(provider, "provider");
		return new Credentials() {
			@Override
			public String authorization() {
				return "Bearer " + provider.token();
			}

			@Override
			public boolean refreshAfterRejection() {
				provider.invalidate();
				return true;
			}
		};
	}
}
