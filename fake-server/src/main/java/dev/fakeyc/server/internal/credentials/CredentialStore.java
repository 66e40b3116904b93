package dev.fakeyc.server.internal.credentials;

import org.apiguardian.api.API;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.Subject;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every account and credential of one fake cloud. Thread-safe: tests register and revoke while
 * requests are checked.
 *
 * <p>Readers take the current {@link Credentials} with {@link #current()} and decide a whole request
 * on it. Writers are serialized: a single change (add or revoke one credential) is checked whole and
 * then made, so a reader sees it done or not; a change of many (a reset, a config reload, a control
 * API document) is made on a copy with {@link #change(boolean, Consumer)} and swapped in with one
 * write, so a reader sees the old set or the new one, never a mixture or an empty one, and a change
 * that fails leaves the set as it was. The invariants themselves (no value or id registered twice
 * for different credentials, owners registered and of the right kind, revocations that remove only
 * what they name) live in {@link Credentials}, one place for every kind.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CredentialStore {
	private final Object writes = new Object();
	private volatile Credentials current = new Credentials();

	/** The set in force now; decide one request on one such set. */
	public Credentials current() {
		return current;
	}

	/**
	 * Makes a change of many credentials as one: {@code change} works on a copy of the current set
	 * (or on an empty set when {@code fromEmpty}), and the copy replaces the current set only if it
	 * returns normally.
	 *
	 * @throws IllegalArgumentException (or any exception of {@code change}) with the set unchanged
	 */
	public void change(boolean fromEmpty, Consumer<Credentials> change) {
		synchronized (writes) {
			Credentials next = fromEmpty ? new Credentials() : current.copy();
			change.accept(next);
			current = next;
		}
	}

	private void single(Consumer<Credentials> change) {
		synchronized (writes) {
			change.accept(current);
		}
	}

	private <T> T singleWithResult(java.util.function.Function<Credentials, T> change) {
		synchronized (writes) {
			return change.apply(current);
		}
	}

	/** Registers an authorized key; see {@link Credentials} for the invariants. @throws IllegalArgumentException if one would break */
	public void add(AuthorizedKey key) {
		single(c -> c.add(key));
	}

	/** Registers an account; the same one again changes nothing. @throws IllegalArgumentException if the id is another account's */
	public void add(Subject subject) {
		single(c -> c.add(subject));
	}

	/** Registers an IAM token. @throws IllegalArgumentException if its subject is unknown or its value is another token's */
	public void add(IamToken token) {
		single(c -> c.add(token));
	}

	/** Registers an API key. @throws IllegalArgumentException if its owner is no service account, or its id or secret is another key's */
	public void add(ApiKey key) {
		single(c -> c.add(key));
	}

	/** Registers an OAuth token. @throws IllegalArgumentException if its owner is no user account, or its value is another token's */
	public void add(OAuthToken token) {
		single(c -> c.add(token));
	}

	/** Removes this authorized key if it is the one registered under its id; whether it was. */
	public boolean revoke(AuthorizedKey key) {
		return singleWithResult(c -> c.revoke(key));
	}

	/** Removes this IAM token if it is the one registered under its value; whether it was. */
	public boolean revoke(IamToken token) {
		return singleWithResult(c -> c.revoke(token));
	}

	/** Removes this API key (by id and by secret, each only if it is this key); whether it was listed. */
	public boolean revoke(ApiKey key) {
		return singleWithResult(c -> c.revoke(key));
	}

	/** Removes this OAuth token if it is the one registered under its value; whether it was. */
	public boolean revoke(OAuthToken token) {
		return singleWithResult(c -> c.revoke(token));
	}

	/** Deletes an account and every credential it holds. */
	public boolean delete(String subjectId) {
		return singleWithResult(c -> c.delete(subjectId));
	}

	/** Makes an account's requests refused with 403 (or not). @throws IllegalArgumentException if the account is unknown */
	public void setDenied(String subjectId, boolean deny) {
		single(c -> c.setDenied(subjectId, deny));
	}

	/** The authorized key with this id in the current set. */
	public Optional<AuthorizedKey> authorizedKey(String id) {
		return current.authorizedKey(id);
	}

	/** The account with this id in the current set. */
	public Optional<Subject> subject(String id) {
		return current.subject(id);
	}

	/** The IAM token with this value in the current set. */
	public Optional<IamToken> iamToken(String value) {
		return current.iamToken(value);
	}

	/** The API key with this secret in the current set. */
	public Optional<ApiKey> apiKeyBySecret(String secret) {
		return current.apiKeyBySecret(secret);
	}

	/** The API key with this id in the current set. */
	public Optional<ApiKey> apiKeyById(String id) {
		return current.apiKeyById(id);
	}

	/** The OAuth token with this value in the current set. */
	public Optional<OAuthToken> oauthToken(String value) {
		return current.oauthToken(value);
	}

	/** Every API key of the current set. */
	public List<ApiKey> apiKeys() {
		return current.apiKeys();
	}

	/** Every account of the current set. */
	public List<Subject> subjects() {
		return current.subjects();
	}

	/** Whether the account's requests are refused with 403 in the current set. */
	public boolean isDenied(String subjectId) {
		return current.isDenied(subjectId);
	}

	/** Forgets everything, in one swap. */
	public void clear() {
		change(true, c -> {
		});
	}
}
