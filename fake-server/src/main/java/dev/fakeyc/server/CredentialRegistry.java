package dev.fakeyc.server;

import dev.fakeyc.server.internal.engine.Engine;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fake's accounts and credentials, beyond creating and issuing them (which {@link FakeYandexCloud} does):
 * registering given values, finding, revoking and deleting them, the service account served at the VM
 * metadata endpoint, and whole documents in the standalone config format. Reached through
 * {@link FakeYandexCloud#credentials()}; a view of that fake's state, so every change is seen by the fake at once.
 *
 * <pre>{@code
 * IamToken fixed = cloud.credentials().register(new IamToken(Secret.of("t1.my-fixed-test-token"), sa.id(), expiry));
 * cloud.credentials().revoke(fixed); // refused from now on as unknown
 * }</pre>
 *
 * <p>Thread-safe; each method is one atomic change of the credential set: a request sees the old set or the new one.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CredentialRegistry {
	private final Engine engine;

	CredentialRegistry(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Registers a service account with given values; registering an equal one again does nothing.
	 *
	 * @param account the account
	 * @return {@code account}
	 * @throws IllegalArgumentException when its id is registered as a different account, or for null
	 */
	public ServiceAccount register(ServiceAccount account) {
		return engine.register(account);
	}

	/**
	 * Registers a user account with given values; registering an equal one again does nothing.
	 *
	 * @param account the account
	 * @return {@code account}
	 * @throws IllegalArgumentException when its id is registered as a different account, or for null
	 */
	public UserAccount register(UserAccount account) {
		return engine.register(account);
	}

	/**
	 * Deletes an account with every credential it holds; its tokens and keys are refused from now on as unknown.
	 *
	 * @param account the account
	 * @return true when it was registered
	 * @throws NullPointerException for a null account
	 */
	public boolean delete(Subject account) {
		return engine.delete(account);
	}

	/**
	 * Finds a registered account by id.
	 *
	 * @param id the account id
	 * @return the account, or empty
	 */
	public Optional<Subject> account(String id) {
		return engine.account(id);
	}

	/**
	 * Registers an IAM token with given values; registering an equal one again does nothing.
	 *
	 * @param token the token
	 * @return {@code token}
	 * @throws IllegalArgumentException when its subject is not registered, or its value is registered otherwise
	 */
	public IamToken register(IamToken token) {
		return engine.register(token);
	}

	/**
	 * Registers an API key with given values; registering an equal one again does nothing.
	 *
	 * @param key the key
	 * @return {@code key}
	 * @throws IllegalArgumentException when its service account is not registered, a scope is unknown, or its id or
	 *                                  secret is registered otherwise
	 */
	public ApiKey register(ApiKey key) {
		return engine.register(key);
	}

	/**
	 * Registers an OAuth token with given values; registering an equal one again does nothing.
	 *
	 * @param token the token
	 * @return {@code token}
	 * @throws IllegalArgumentException when its user account is not registered, or its value is registered otherwise
	 */
	public OAuthToken register(OAuthToken token) {
		return engine.register(token);
	}

	/**
	 * Registers a service account's authorized key (its public half verifies JWTs at {@code POST /iam/v1/tokens}).
	 *
	 * @param key the key; its private half may be null
	 * @return {@code key}
	 * @throws IllegalArgumentException when its service account is not registered, or its id is registered otherwise
	 */
	public AuthorizedKey register(AuthorizedKey key) {
		return engine.register(key);
	}

	/**
	 * Deletes an authorized key: JWTs it signs are refused from now on.
	 *
	 * @param key the key
	 * @return true when it was registered
	 */
	public boolean revoke(AuthorizedKey key) {
		return engine.revoke(key);
	}

	/**
	 * Serves this service account's IAM tokens at the VM metadata endpoint
	 * ({@code GET /computeMetadata/v1/instance/service-accounts/default/token} with
	 * {@code Metadata-Flavor: Google}), as on a VM it is attached to. Point {@code YC_METADATA_ADDR} at
	 * {@code 127.0.0.1:<port>}. Null detaches it: the endpoint answers 404.
	 *
	 * @param account a service account, or null to detach
	 */
	public void attachToMetadata(ServiceAccount account) {
		engine.attachToMetadata(account);
	}

	/**
	 * The IAM token with this value, if registered.
	 *
	 * @param value the whole token
	 * @return the token, or empty
	 */
	public Optional<IamToken> findIamToken(String value) {
		return engine.findIamToken(value);
	}

	/**
	 * The API key with this id, if registered.
	 *
	 * @param id the key id (not its secret)
	 * @return the key, or empty
	 */
	public Optional<ApiKey> findApiKey(String id) {
		return engine.findApiKey(id);
	}

	/**
	 * Every API key registered.
	 *
	 * @return a snapshot, in no particular order
	 */
	public List<ApiKey> apiKeys() {
		return engine.apiKeys();
	}

	/**
	 * Revokes an IAM token: it is refused from now on as unknown.
	 *
	 * @param token the token
	 * @return true when it was registered
	 */
	public boolean revoke(IamToken token) {
		return engine.revoke(token);
	}

	/**
	 * Deletes an API key: it is refused from now on as unknown.
	 *
	 * @param key the key
	 * @return true when it was registered
	 */
	public boolean revoke(ApiKey key) {
		return engine.revoke(key);
	}

	/**
	 * Revokes an OAuth token: exchanging it is refused from now on.
	 *
	 * @param token the token
	 * @return true when it was registered
	 */
	public boolean revoke(OAuthToken token) {
		return engine.revoke(token);
	}

	/**
	 * Every scope a key may carry here: the real ones ({@link Scopes#KNOWN}) plus any the catalog names.
	 *
	 * @return a sorted snapshot
	 */
	public Set<String> knownScopes() {
		return engine.knownScopes();
	}

	/**
	 * Registers the accounts and credentials of a document in the standalone config format
	 * ({@code serviceAccounts}, {@code apiKeys}, …; its {@code services} are not applied here), all in
	 * one change: the whole document is checked against the credentials registered, and on any error
	 * (a clash of a value or id with a registered credential of any kind, an unknown owner or scope)
	 * nothing is registered; otherwise a request sees all of it or none.
	 *
	 * @param configJson the document, JSON text
	 * @throws IllegalArgumentException naming the JSON path of the problem
	 */
	public void addCredentials(String configJson) {
		engine.addCredentials(configJson);
	}

	/**
	 * Declares the accounts, credentials and catalog additions of a document in the standalone config
	 * format, in place of what the previous call declared: what that one declared and this one does
	 * not is removed (an account with every credential it holds), what this one adds is registered,
	 * and everything registered by other means (the API, the control API, tokens issued at
	 * {@code POST /iam/v1/tokens}) stays. It is one change: on any error nothing changes, otherwise a
	 * request sees the old set or the new one. {@link FakeYandexCloud#reset()} comes back to what was declared last.
	 * The standalone jar declares its {@code --config} file this way, at start and on each
	 * {@code --watch} reload.
	 *
	 * @param configJson the document, JSON text
	 * @throws IllegalArgumentException naming the JSON path of the problem
	 */
	public void declare(String configJson) {
		engine.declare(configJson);
	}

	@Override
	public String toString() {
		return "CredentialRegistry[" + engine.describe() + "]";
	}
}
