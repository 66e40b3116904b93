package dev.fakeyc.server.internal.credentials;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.UserAccount;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account and credential of one fake cloud. Thread-safe: tests register and revoke while
 * requests are checked.
 *
 * <p>Secrets are indexed by their SHA-256 digest, never by their text: a lookup hashes the candidate
 * (time depending only on its length) and the map then compares digests, so how long a lookup takes
 * tells nothing about how much of a guess matched a real secret.
 */
public final class CredentialStore {
	private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
	private final Map<Digest, IamToken> iamTokens = new ConcurrentHashMap<>();
	private final Map<Digest, ApiKey> apiKeysBySecret = new ConcurrentHashMap<>();
	private final Map<String, ApiKey> apiKeysById = new ConcurrentHashMap<>();
	private final Map<Digest, OAuthToken> oauthTokens = new ConcurrentHashMap<>();
	private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(CredentialStore::newSha256);
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
		requireSubject(token.subjectId(), "IAM token " + token.secret());
		IamToken previous = iamTokens.putIfAbsent(digest(token.value()), token);
		if (previous != null && !previous.equals(token)) {
			throw new IllegalArgumentException("IAM token " + token.secret() + " is already registered for subject " + previous.subjectId());
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
		ApiKey bySecret = apiKeysBySecret.putIfAbsent(digest(key.value()), key);
		if (bySecret != null && !bySecret.equals(key)) {
			apiKeysById.remove(key.id(), key);
			throw new IllegalArgumentException("API key secret " + key.secret() + " is already registered as key '" + bySecret.id() + "'");
		}
	}

	public void add(OAuthToken token) {
		Subject owner = requireSubject(token.subjectId(), "OAuth token " + token.secret());
		if (!(owner instanceof UserAccount)) {
			throw new IllegalArgumentException("OAuth token " + token.secret() + " belongs to '" + owner.id()
					+ "', a service account; OAuth tokens belong to user accounts only");
		}
		oauthTokens.putIfAbsent(digest(token.value()), token);
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
		return Optional.ofNullable(iamTokens.get(digest(value)));
	}

	public Optional<ApiKey> apiKeyBySecret(String secret) {
		return Optional.ofNullable(apiKeysBySecret.get(digest(secret)));
	}

	public Optional<ApiKey> apiKeyById(String id) {
		return Optional.ofNullable(apiKeysById.get(id));
	}

	public Optional<OAuthToken> oauthToken(String value) {
		return Optional.ofNullable(oauthTokens.get(digest(value)));
	}

	public List<ApiKey> apiKeys() {
		return List.copyOf(apiKeysById.values());
	}

	public List<Subject> subjects() {
		return List.copyOf(subjects.values());
	}

	public boolean revoke(IamToken token) {
		return iamTokens.remove(digest(token.value())) != null;
	}

	public boolean revoke(ApiKey key) {
		boolean removed = apiKeysById.remove(key.id()) != null;
		apiKeysBySecret.remove(digest(key.value()));
		return removed;
	}

	public boolean revoke(OAuthToken token) {
		return oauthTokens.remove(digest(token.value())) != null;
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

	/**
	 * A SHA-256 digest as four longs, compared without an early exit: equal digests, equal secrets (the
	 * hash is collision-resistant), and the comparison never touches a secret's own bytes.
	 */
	private record Digest(long a, long b, long c, long d) {
		@Override
		public boolean equals(Object o) {
			return o instanceof Digest x && ((a ^ x.a) | (b ^ x.b) | (c ^ x.c) | (d ^ x.d)) == 0;
		}

		@Override
		public int hashCode() {
			return (int) a; // the digest's bits are uniform already
		}
	}

	private Digest digest(String secret) {
		byte[] h = sha256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
		ByteBuffer bytes = ByteBuffer.wrap(h);
		return new Digest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
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
