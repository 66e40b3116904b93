package dev.fakeyc.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A Yandex ID OAuth token. The cloud's APIs refuse it as a credential; it is only exchanged for an
 * IAM token at {@code POST /iam/v1/tokens}.
 *
 * @param token     the token ({@code y0_…}); prints masked
 * @param subjectId the user account it belongs to
 * @param expiresAt when it stops being exchangeable
 * @since 0.1
 */
public record OAuthToken(Secret token, String subjectId, Instant expiresAt) {
	public OAuthToken {
		Objects.requireNonNull(token, "token must not be null");
		Ids.requireId(subjectId, "subject id of OAuth token " + token);
		Objects.requireNonNull(expiresAt, "expiresAt of OAuth token " + token + " must not be null");
	}

	/** The whole token, for a token-exchange request body. */
	public String value() {
		return token.reveal();
	}
}
