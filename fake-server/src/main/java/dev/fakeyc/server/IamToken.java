package dev.fakeyc.server;

import org.apiguardian.api.API;
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
@API(status = API.Status.STABLE, since = "0.1")
public record IamToken(Secret secret, String subjectId, Instant expiresAt) {
	/**
	 * Checks the values.
	 *
	 * @param secret    the token ({@code t1.…})
	 * @param subjectId the service account or user account it speaks for, a cloud id
	 * @param expiresAt when it stops working on the fake's clock
	 * @throws NullPointerException     for a null secret or expiry
	 * @throws IllegalArgumentException for a subject id that is not a cloud id
	 */
	public IamToken {
		Objects.requireNonNull(secret, "secret of IAM token must not be null");
		Ids.requireId(subjectId, "subject id of IAM token " + secret);
		Objects.requireNonNull(expiresAt, "expiresAt of IAM token " + secret + " must not be null");
	}

	/**
	 * The value of an {@code Authorization} header carrying this token, as the cloud's docs spell it
	 * ({@code iam/concepts/authorization/iam-token.md}).
	 *
	 * @return {@code Bearer } and the whole token, such as {@code Bearer t1.…}
	 */
	public String authorization() {
		return "Bearer " + secret.reveal();
	}

	/**
	 * The whole token, for clients that take it as a string.
	 *
	 * @return the unmasked token
	 */
	public String value() {
		return secret.reveal();
	}

	/**
	 * Whether the token has expired at the given instant: the expiry instant itself already counts as expired.
	 *
	 * @param now the instant to check, usually the fake's {@link FakeClock#instant()}
	 * @return true when {@code now} is not before {@link #expiresAt()}
	 */
	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(expiresAt);
	}
}
