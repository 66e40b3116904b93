package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A service account's API key: sent as {@code Authorization: Api-Key <secret>} to the services that
 * accept keys. A key works only where one of its {@link #scopes()} unlocks the route, and only until
 * {@link #expiresAt()}.
 *
 * <pre>{@code
 * ApiKey key = cloud.createApiKey(serviceAccount, Set.of(Scopes.WORKFLOWS_EXECUTE));
 * request.header("Authorization", key.authorization());
 * }</pre>
 *
 * @param id               the key's id ({@code aje…}), safe to print
 * @param secret           the secret ({@code AQVN…}, 40 characters); prints masked
 * @param serviceAccountId the service account that owns the key
 * @param scopes           what the key may do; never empty (a key made without scopes gets
 *                         {@link Scopes#DEFAULT})
 * @param expiresAt        when it stops working on the fake's clock; empty for never (a {@code null}
 *                         passed to the constructor means empty)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ApiKey(String id, Secret secret, String serviceAccountId, Set<String> scopes, Optional<Instant> expiresAt) {
	/**
	 * Checks the values; a null or empty {@code scopes} becomes {@link Scopes#DEFAULT}, a null {@code expiresAt}
	 * becomes empty.
	 *
	 * @param id               the key id, a cloud id ({@code aje…})
	 * @param secret           the secret ({@code AQVN…})
	 * @param serviceAccountId the owning service account's id
	 * @param scopes           what the key may do; null or empty for {@link Scopes#DEFAULT}
	 * @param expiresAt        when it stops working on the fake's clock; null or empty for never
	 * @throws IllegalArgumentException for an id that is not a cloud id
	 * @throws NullPointerException     for a null secret
	 */
	public ApiKey {
		Ids.requireId(id, "API key id");
		Objects.requireNonNull(secret, "secret of API key '" + id + "' must not be null");
		Ids.requireId(serviceAccountId, "service account id of API key '" + id + "'");
		scopes = scopes == null || scopes.isEmpty() ? Scopes.DEFAULT : Set.copyOf(scopes);
		expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
	}

	/**
	 * The value of an {@code Authorization} header carrying this key, as the cloud's docs spell it
	 * ({@code iam/concepts/authorization/api-key.md}).
	 *
	 * @return {@code Api-Key } and the whole secret, such as {@code Api-Key AQVN…}
	 */
	public String authorization() {
		return "Api-Key " + secret.reveal();
	}

	/**
	 * The whole secret, for clients that take it as a string.
	 *
	 * @return the unmasked secret, 40 characters starting {@code AQVN}
	 */
	public String value() {
		return secret.reveal();
	}

	/**
	 * Whether the key has expired at the given instant: the expiry instant itself already counts as expired.
	 *
	 * @param now the instant to check, usually the fake's {@link FakeClock#instant()}
	 * @return true when {@link #expiresAt()} is present and not after {@code now}
	 */
	public boolean isExpiredAt(Instant now) {
		return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
	}
}
