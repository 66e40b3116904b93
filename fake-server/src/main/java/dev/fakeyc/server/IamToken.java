package dev.fakeyc.server;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM token: sent as {@code Authorization: Bearer <token>} to every API.
 *
 * <pre>{@code
 * IamToken token = cloud.issueIamToken(serviceAccount);
 * request.header("Authorization", token.authorization());
 * }</pre>
 *
 * @param secret    the token itself; prints masked
 * @param subjectId the service account or user account it speaks for
 * @param expiresAt when it stops working on the fake's clock
 * @since 0.1
 */
public record IamToken(Secret secret, String subjectId, Instant expiresAt) {
	public IamToken {
		Objects.requireNonNull(secret, "secret of IAM token must not be null");
		Ids.requireId(subjectId, "subject id of IAM token " + secret);
		Objects.requireNonNull(expiresAt, "expiresAt of IAM token " + secret + " must not be null");
	}

	/** The value of an {@code Authorization} header carrying this token: {@code Bearer t1.…}. */
	public String authorization() {
		return "Bearer " + secret.reveal();
	}

	/** The whole token, for clients that take it as a string. */
	public String value() {
		return secret.reveal();
	}

	/** Whether the token has expired at the given instant. */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(expiresAt);
	}
}
