package dev.fakeyc.server.internal.credentials;

import org.apiguardian.api.API;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.UserAccount;

import dev.fakeyc.server.internal.text.ConstantTime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One set of accounts and credentials, and the invariants every change to it keeps, the same for
 * every kind of credential:
 * <ol>
 * <li>its owner is registered, and of the kind the credential belongs to (API keys and authorized
 * keys: service accounts; OAuth tokens: user accounts);</li>
 * <li>a value (token, secret) or an id names at most one credential: registering an equal
 * credential again is allowed and changes nothing, a different one with the same value or id is
 * refused with {@link IllegalArgumentException};</li>
 * <li>a change is checked whole before anything is written, so a refused change writes nothing;</li>
 * <li>a revocation removes only the credential it names: a stale object whose value or id has since
 * been given to another credential removes nothing of that other one.</li>
 * </ol>
 * Only {@link CredentialStore} changes it, one writer at a time; readers may read at any time.
 *
 * <p>Secrets are indexed by their SHA-256 digest, never by their text: a lookup hashes the candidate
 * (time depending only on its length) and the map then compares digests, so how long a lookup takes
 * tells nothing about how much of a guess matched a real secret.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Credentials {
	private static final ThreadLocal<Sha256> SHA256 = ThreadLocal.withInitial(Sha256::new);
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
	private final Map<Digest, IamToken> iamTokens = new ConcurrentHashMap<>();
	private final Map<Digest, ApiKey> apiKeysBySecret = new ConcurrentHashMap<>();
	private final Map<String, ApiKey> apiKeysById = new ConcurrentHashMap<>();
	private final Map<Digest, OAuthToken> oauthTokens = new ConcurrentHashMap<>();
	private final Map<String, AuthorizedKey> authorizedKeys = new ConcurrentHashMap<>();
	private final Set<String> denied = ConcurrentHashMap.newKeySet();

	Credentials() {
	}

	/** A copy to change without touching this set. */
	Credentials copy() {
		Credentials c = new Credentials();
		c.subjects.putAll(subjects);
		c.iamTokens.putAll(iamTokens);
		c.apiKeysBySecret.putAll(apiKeysBySecret);
		c.apiKeysById.putAll(apiKeysById);
		c.oauthTokens.putAll(oauthTokens);
		c.authorizedKeys.putAll(authorizedKeys);
		c.denied.addAll(denied);
		return c;
	}

	// --- adding: check everything, then write -----------------------------------

	/**
	 * Adds any of the credential records (a {@link Subject}, {@link IamToken}, {@link ApiKey},
	 * {@link OAuthToken} or {@link AuthorizedKey}).
	 *
	 * @throws IllegalArgumentException if an invariant would break, or for another type
	 */
	public void addAny(Object item) {
		if (item instanceof Subject s) {
			add(s);
		} else if (item instanceof IamToken t) {
			add(t);
		} else if (item instanceof ApiKey k) {
			add(k);
		} else if (item instanceof OAuthToken t) {
			add(t);
		} else if (item instanceof AuthorizedKey k) {
			add(k);
		} else {
			throw new IllegalArgumentException("not a credential record: " + (item == null ? "null" : item.getClass().getName()));
		}
	}

	/** Removes any of the credential records {@link #addAny(Object)} takes (a subject: with every credential it holds). */
	public void removeAny(Object item) {
		if (item instanceof Subject s) {
			if (s.equals(subjects.get(s.id()))) {
				delete(s.id());
			}
		} else if (item instanceof IamToken t) {
			revoke(t);
		} else if (item instanceof ApiKey k) {
			revoke(k);
		} else if (item instanceof OAuthToken t) {
			revoke(t);
		} else if (item instanceof AuthorizedKey k) {
			revoke(k);
		}
	}

	void add(Subject subject) {
		Subject previous = subjects.get(subject.id());
		if (previous != null && !previous.equals(subject)) {
			throw new IllegalArgumentException("account '" + subject.id() + "' is already registered as " + previous);
		}
		subjects.putIfAbsent(subject.id(), subject);
	}

	void add(IamToken token) {
		requireOwner(token.subjectId(), Subject.class, "IAM token " + token.secret());
		Digest d = digest(token.value());
		requireFree(iamTokens.get(d), token, () -> "IAM token " + token.secret() + " is already registered for subject " + iamTokens.get(d).subjectId());
		iamTokens.putIfAbsent(d, token);
	}

	void add(OAuthToken token) {
		requireOwner(token.subjectId(), UserAccount.class, "OAuth token " + token.secret());
		Digest d = digest(token.value());
		requireFree(oauthTokens.get(d), token, () -> "OAuth token " + token.secret() + " is already registered for subject " + oauthTokens.get(d).subjectId());
		oauthTokens.putIfAbsent(d, token);
	}

	void add(ApiKey key) {
		requireOwner(key.serviceAccountId(), ServiceAccount.class, "API key '" + key.id() + "'");
		Digest d = digest(key.value());
		requireFree(apiKeysById.get(key.id()), key, () -> "API key id '" + key.id() + "' is already registered");
		requireFree(apiKeysBySecret.get(d), key, () -> "API key secret " + key.secret() + " is already registered as key '" + apiKeysBySecret.get(d).id() + "'");
		apiKeysById.putIfAbsent(key.id(), key);
		apiKeysBySecret.putIfAbsent(d, key); // last: the decision looks keys up by secret
	}

	void add(AuthorizedKey key) {
		requireOwner(key.serviceAccountId(), ServiceAccount.class, "authorized key '" + key.id() + "'");
		requireFree(authorizedKeys.get(key.id()), key, () -> "authorized key id '" + key.id() + "' is already registered");
		authorizedKeys.putIfAbsent(key.id(), key);
	}

	private static void requireFree(Object registered, Object candidate, java.util.function.Supplier<String> clash) {
		if (registered != null && !registered.equals(candidate)) {
			throw new IllegalArgumentException(clash.get());
		}
	}

	private Subject requireOwner(String id, Class<? extends Subject> kind, String what) {
		Subject s = subjects.get(id);
		if (s == null) {
			throw new IllegalArgumentException(what + " names subject '" + id + "', which is not registered; add the service account or user account first");
		}
		if (!kind.isInstance(s)) {
			String plural = what.startsWith("OAuth") ? "OAuth tokens belong to user accounts only"
					: what.startsWith("API key") ? "API keys belong to service accounts only" : "authorized keys belong to service accounts only";
			String ownerKind = s instanceof ServiceAccount ? "a service account" : "a user account";
			throw new IllegalArgumentException(what + " belongs to '" + s.id() + "', " + ownerKind + "; " + plural);
		}
		return s;
	}

	// --- removing: only what is named ----------------------------------------------

	boolean revoke(IamToken token) {
		return iamTokens.remove(digest(token.value()), token);
	}

	boolean revoke(OAuthToken token) {
		return oauthTokens.remove(digest(token.value()), token);
	}

	boolean revoke(ApiKey key) {
		boolean removed = apiKeysById.remove(key.id(), key);
		apiKeysBySecret.remove(digest(key.value()), key); // a stale key's secret may be another key's now: that one stays
		return removed;
	}

	boolean revoke(AuthorizedKey key) {
		return authorizedKeys.remove(key.id(), key);
	}

	boolean delete(String subjectId) {
		boolean removed = subjects.remove(subjectId) != null;
		iamTokens.values().removeIf(t -> t.subjectId().equals(subjectId));
		apiKeysBySecret.values().removeIf(k -> k.serviceAccountId().equals(subjectId));
		apiKeysById.values().removeIf(k -> k.serviceAccountId().equals(subjectId));
		oauthTokens.values().removeIf(t -> t.subjectId().equals(subjectId));
		authorizedKeys.values().removeIf(k -> k.serviceAccountId().equals(subjectId));
		denied.remove(subjectId);
		return removed;
	}

	void setDenied(String subjectId, boolean deny) {
		if (!subjects.containsKey(subjectId)) {
			throw new IllegalArgumentException("permission change names subject '" + subjectId
					+ "', which is not registered; add the service account or user account first");
		}
		if (deny) {
			denied.add(subjectId);
		} else {
			denied.remove(subjectId);
		}
	}

	// --- reading ---------------------------------------------------------------------

	/** The account with this id, if registered. */
	public Optional<Subject> subject(String id) {
		return Optional.ofNullable(subjects.get(id));
	}

	/** The IAM token with this value, if registered. */
	public Optional<IamToken> iamToken(String value) {
		return Optional.ofNullable(iamTokens.get(digest(value)));
	}

	/** The API key with this secret, if registered. */
	public Optional<ApiKey> apiKeyBySecret(String secret) {
		return Optional.ofNullable(apiKeysBySecret.get(digest(secret)));
	}

	/** The API key with this id, if registered. */
	public Optional<ApiKey> apiKeyById(String id) {
		return Optional.ofNullable(apiKeysById.get(id));
	}

	/** The OAuth token with this value, if registered. */
	public Optional<OAuthToken> oauthToken(String value) {
		return Optional.ofNullable(oauthTokens.get(digest(value)));
	}

	/** The authorized key with this id, if registered. */
	public Optional<AuthorizedKey> authorizedKey(String id) {
		return Optional.ofNullable(authorizedKeys.get(id));
	}

	/** Every API key. */
	public List<ApiKey> apiKeys() {
		return List.copyOf(apiKeysById.values());
	}

	/** Every account. */
	public List<Subject> subjects() {
		return List.copyOf(subjects.values());
	}

	/** Whether this account's requests are refused with 403. */
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

	/**
	 * The SHA-256 of the secret's text, as four big-endian longs: of its bytes when it is ASCII (every token and key the
	 * fake issues), else of {@code 0xFF} and each char's two bytes (a form no ASCII text has, and one per text, lone
	 * surrogates included). Encoded into the thread's scratch array when it fits, the digest written into another, so a
	 * lookup allocates only the {@link Digest}; the scratch bytes are zeroed before returning, so no secret stays behind
	 * in them.
	 *
	 * <p>A client sends one token on every request until it refreshes it (an IAM token lives for hours), so each thread
	 * keeps the last secret it hashed and its digest, and a secret of the same text takes that digest again: a
	 * comparison of every character whatever they hold ({@link ConstantTime#sameText}), not a hash (a 190-character IAM token is four
	 * SHA-256 blocks, the largest single cost of a Bearer request). The digest is a pure function of the text, so a
	 * token revoked or expired since is refused as before: the map lookup that follows decides. The secret stays
	 * referenced by this thread until its next lookup, as Undertow's own per-connection cache of header values keeps it.
	 */
	private static Digest digest(String secret) {
		Sha256 sha = SHA256.get();
		String last = sha.lastSecret;
		if (last != null && ConstantTime.sameText(last, secret)) {
			return sha.lastDigest;
		}
		Digest d = hash(sha, secret);
		sha.lastDigest = d;
		sha.lastSecret = secret;
		return d;
	}

	private static Digest hash(Sha256 sha, String secret) {
		int n = secret.length();
		byte[] in = sha.in;
		int ascii = 0;
		if (n <= in.length) {
			while (ascii < n) {
				char c = secret.charAt(ascii);
				if (c >= 0x80) {
					break;
				}
				in[ascii++] = (byte) c;
			}
		}
		if (ascii == n) {
			sha.digest.update(in, 0, n);
			java.util.Arrays.fill(in, 0, n, (byte) 0);
		} else {
			java.util.Arrays.fill(in, 0, ascii, (byte) 0);
			// any other text: a byte no ASCII text holds (0xFF), then each char as its two bytes, so one input is one
			// text (UTF-8 would turn every lone surrogate into '?', making distinct texts one secret)
			int size = 1 + 2 * n;
			byte[] chars = size <= in.length ? in : new byte[size];
			chars[0] = (byte) 0xFF;
			for (int i = 0; i < n; i++) {
				char c = secret.charAt(i);
				chars[1 + 2 * i] = (byte) (c >> 8);
				chars[2 + 2 * i] = (byte) c;
			}
			sha.digest.update(chars, 0, size);
			java.util.Arrays.fill(chars, 0, size, (byte) 0);
		}
		byte[] out = sha.out;
		try {
			sha.digest.digest(out, 0, out.length);
		} catch (DigestException e) {
			throw new IllegalStateException("SHA-256 writes 32 bytes", e);
		}
		return new Digest((long) LONGS.get(out, 0), (long) LONGS.get(out, 8), (long) LONGS.get(out, 16), (long) LONGS.get(out, 24));
	}

	/** One thread's SHA-256 and its scratch arrays (the digest's output is not secret; the input is zeroed after use). */
	private static final class Sha256 {
		static final int SCRATCH = 512;
		final MessageDigest digest;
		final byte[] in = new byte[SCRATCH];
		final byte[] out = new byte[32];
		String lastSecret; // the secret hashed last on this thread, and its digest: see digest()
		Digest lastDigest;

		Sha256() {
			try {
				digest = MessageDigest.getInstance("SHA-256");
			} catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException("every JDK has SHA-256", e);
			}
		}
	}

	@Override
	public String toString() {
		return "Credentials[" + subjects.size() + " accounts, " + iamTokens.size() + " IAM tokens, " + apiKeysById.size() + " API keys, "
				+ oauthTokens.size() + " OAuth tokens, " + authorizedKeys.size() + " authorized keys]";
	}
}
