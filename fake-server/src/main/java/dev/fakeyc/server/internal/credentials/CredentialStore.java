package dev.fakeyc.server.internal.credentials;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.UserAccount;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account and credential of one fake cloud. Thread-safe: tests register and revoke while
 * requests are checked. Lookups by secret go through hash maps, whose equality check on the secret
 * string is the only comparison made.
 */
public final class CredentialStore {
	private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
	private final Map<String, IamToken> iamTokens = new ConcurrentHashMap<>();
	private final Map<String, ApiKey> apiKeysBySecret = new ConcurrentHashMap<>();
	private final Map<String, ApiKey> apiKeysById = new ConcurrentHashMap<>();
	private final Map<String, OAuthToken> oauthTokens = new ConcurrentHashMap<>();
	private final Map<String, AuthorizedKey> authorizedKeys = new ConcurrentHashMap<>();
	private final Set<String> denied = ConcurrentHashMap.newKeySet();

	public void add(AuthorizedKey key) {
		Subject owner = requireSubject(key.serviceAccountId(), "authorized key '" + key.id() + "'");
		if (!(owner instanceof ServiceAccount)) {
			throw new IllegalArgumentException("authorized key '" + key.id() + "' belongs to '" + owner.id()
					+ "', a user account; authorized keys belong to service accounts only");
		}
		AuthorizedKey previous = authorizedKeys.putIfAbsent(key.id(), key);
		if (previous != null && !previous.equals(key)) {
			throw new IllegalArgumentException("authorized key id '" + key.id() + "' is already registered");
		}
	}

	public Optional<AuthorizedKey> authorizedKey(String id) {
		return Optional.ofNullable(authorizedKeys.get(id));
	}

	public boolean revoke(AuthorizedKey key) {
		return authorizedKeys.remove(key.id()) != null;
	}

	public void add(Subject subject) {
		Subject previous = subjects.putIfAbsent(subject.id(), subject);
		if (previous != null && !previous.equals(subject)) {
			throw new IllegalArgumentException("account '" + subject.id() + "' is already registered as " + previous);
		}
	}

	public void add(IamToken token) {
		requireSubject(token.subjectId(), "IAM token " + token.token());
		IamToken previous = iamTokens.putIfAbsent(token.value(), token);
		if (previous != null && !previous.equals(token)) {
			throw new IllegalArgumentException("IAM token " + token.token() + " is already registered for subject " + previous.subjectId());
		}
	}

	public void add(ApiKey key) {
		Subject owner = requireSubject(key.serviceAccountId(), "API key '" + key.id() + "'");
		if (!(owner instanceof ServiceAccount)) {
			throw new IllegalArgumentException("API key '" + key.id() + "' belongs to '" + owner.id()
					+ "', a user account; API keys belong to service accounts only");
		}
		ApiKey byId = apiKeysById.putIfAbsent(key.id(), key);
		if (byId != null && !byId.equals(key)) {
			throw new IllegalArgumentException("API key id '" + key.id() + "' is already registered");
		}
		ApiKey bySecret = apiKeysBySecret.putIfAbsent(key.value(), key);
		if (bySecret != null && !bySecret.equals(key)) {
			apiKeysById.remove(key.id(), key);
			throw new IllegalArgumentException("API key secret " + key.secret() + " is already registered as key '" + bySecret.id() + "'");
		}
	}

	public void add(OAuthToken token) {
		Subject owner = requireSubject(token.subjectId(), "OAuth token " + token.token());
		if (!(owner instanceof UserAccount)) {
			throw new IllegalArgumentException("OAuth token " + token.token() + " belongs to '" + owner.id()
					+ "', a service account; OAuth tokens belong to user accounts only");
		}
		oauthTokens.putIfAbsent(token.value(), token);
	}

	private Subject requireSubject(String id, String what) {
		Subject s = subjects.get(id);
		if (s == null) {
			throw new IllegalArgumentException(what + " names subject '" + id + "', which is not registered; add the service account or user account first");
		}
		return s;
	}

	public Optional<Subject> subject(String id) {
		return Optional.ofNullable(subjects.get(id));
	}

	public Optional<IamToken> iamToken(String value) {
		return Optional.ofNullable(iamTokens.get(value));
	}

	public Optional<ApiKey> apiKeyBySecret(String secret) {
		return Optional.ofNullable(apiKeysBySecret.get(secret));
	}

	public Optional<ApiKey> apiKeyById(String id) {
		return Optional.ofNullable(apiKeysById.get(id));
	}

	public Optional<OAuthToken> oauthToken(String value) {
		return Optional.ofNullable(oauthTokens.get(value));
	}

	public List<ApiKey> apiKeys() {
		return List.copyOf(apiKeysById.values());
	}

	public List<Subject> subjects() {
		return List.copyOf(subjects.values());
	}

	public boolean revoke(IamToken token) {
		return iamTokens.remove(token.value()) != null;
	}

	public boolean revoke(ApiKey key) {
		boolean removed = apiKeysById.remove(key.id()) != null;
		apiKeysBySecret.remove(key.value());
		return removed;
	}

	public boolean revoke(OAuthToken token) {
		return oauthTokens.remove(token.value()) != null;
	}

	/** Deletes an account and every credential it holds. */
	public boolean delete(String subjectId) {
		boolean removed = subjects.remove(subjectId) != null;
		iamTokens.values().removeIf(t -> t.subjectId().equals(subjectId));
		apiKeysById.values().removeIf(k -> k.serviceAccountId().equals(subjectId));
		apiKeysBySecret.values().removeIf(k -> k.serviceAccountId().equals(subjectId));
		oauthTokens.values().removeIf(t -> t.subjectId().equals(subjectId));
		authorizedKeys.values().removeIf(k -> k.serviceAccountId().equals(subjectId));
		denied.remove(subjectId);
		return removed;
	}

	public void setDenied(String subjectId, boolean deny) {
		requireSubject(subjectId, "permission change");
		if (deny) {
			denied.add(subjectId);
		} else {
			denied.remove(subjectId);
		}
	}

	public boolean isDenied(String subjectId) {
		return denied.contains(subjectId);
	}

	public void clear() {
		subjects.clear();
		iamTokens.clear();
		apiKeysBySecret.clear();
		apiKeysById.clear();
		oauthTokens.clear();
		authorizedKeys.clear();
		denied.clear();
	}
}
