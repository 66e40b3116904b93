package dev.fakeyc.server;

import org.apiguardian.api.API;
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
@API(status = API.Status.STABLE, since = "0.1")
public record OAuthToken(Secret secret, String subjectId, Instant expiresAt) {
	/**
	 * Checks the values.
	 *
	 * @param secret    the token ({@code y0_…})
	 * @param subjectId the user account it belongs to, a cloud id
	 * @param expiresAt when it stops working on the fake's clock
	 * @throws NullPointerException     for a null secret or expiry
	 * @throws IllegalArgumentException for a subject id that is not a cloud id
	 */
	public OAuthToken {
		Objects.requireNonNull(secret, "secret of OAuth token must not be null");
		Ids.requireId(subjectId, "subject id of OAuth token " + secret);
		Objects.requireNonNull(expiresAt, "expiresAt of OAuth token " + secret + " must not be null");
	}

	/**
	 * The whole token, for a token-exchange request body ({@code {"yandexPassportOauthToken": "…"}}).
	 *
	 * @return the unmasked token
	 */
	public String value() {
		return secret.reveal();
	}
}
