package dev.fakeyc.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A Yandex ID OAuth token. The cloud's APIs refuse it as a credential; it is only exchanged for an
 * IAM token at {@code POST /iam/v1/tokens}.
 *
 * @param secret    the token ({@code y0_…}); prints masked
 * @param subjectId the user account it belongs to
 * @param expiresAt when it stops being exchangeable
 * @since 0.1
 */
public record OAuthToken(Secret secret, String subjectId, Instant expiresAt) {
	public OAuthToken {
		Objects.requireNonNull(secret, "secret of OAuth token must not be null");
		Ids.requireId(subjectId, "subject id of OAuth token " + secret);
		Objects.requireNonNull(expiresAt, "expiresAt of OAuth token " + secret + " must not be null");
	}

	/** The whole token, for a token-exchange request body. */
	public String value() {
		return secret.reveal();
	}
}
