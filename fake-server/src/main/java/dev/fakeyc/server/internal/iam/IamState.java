package dev.fakeyc.server.internal.iam;

import org.apiguardian.api.API;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the IAM endpoints read and change: the engine's accounts, credentials and clock. The engine
 * implements it; {@link IamEndpoints} receives it, so the IAM package depends on no engine or facade.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface IamState {
	/** The instant on the fake's clock. */
	Instant now();

	/** The port the fake listens on (for discovery answers when a request has no Host port). */
	int port();

	/** A registered account by id. */
	Optional<Subject> account(String id);

	/** The IAM token with this value, if registered. */
	Optional<IamToken> findIamToken(String value);

	/** The OAuth token with this value, if registered. */
	Optional<OAuthToken> findOAuthToken(String value);

	/** The authorized key with this id, if registered. */
	Optional<AuthorizedKey> findAuthorizedKey(String id);

	/** The API key with this id, if registered. */
	Optional<ApiKey> findApiKey(String id);

	/** Every API key registered. */
	List<ApiKey> apiKeys();

	/** Every scope a key may carry. */
	Set<String> knownScopes();

	/** Issues an IAM token for the account with the default lifetime. */
	IamToken issueIamToken(Subject account);

	/**
	 * Creates an API key; {@code expiresAt} null: it never expires.
	 *
	 * @throws IllegalArgumentException naming an unknown scope
	 */
	ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes, Instant expiresAt);

	/** Revokes an IAM token; false if it was not registered. */
	boolean revoke(IamToken token);

	/** Deletes an API key; false if it was not registered. */
	boolean revoke(ApiKey key);

	/** Whether a user account has accepted the terms; false refuses its OAuth exchange (reference §9.2). */
	boolean hasAcceptedTerms(String userId);

	/** The id of the VM the metadata service pretends to run on ({@code fhm…}), named in the EC2-path refusal (reference §9.4). */
	String instanceId();
}
