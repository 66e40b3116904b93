package dev.fakeyc.server;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A service account's authorized key: an RSA key pair whose private half signs PS256 JWTs that
 * {@code POST /iam/v1/tokens} exchanges for IAM tokens. The fake holds the public key; the private key
 * is present only on keys the fake generated. {@link #toString()} never shows the private key.
 *
 * @param id               the key id ({@code aje…}), the JWT's {@code kid}
 * @param serviceAccountId the service account that owns it, the JWT's {@code iss}
 * @param publicKey        the RSA public key the fake verifies signatures with
 * @param privateKey       the private key, or null when only the public half was registered
 * @param createdAt        when it was made
 * @since 0.1
 */
public record AuthorizedKey(String id, String serviceAccountId, PublicKey publicKey, PrivateKey privateKey, Instant createdAt) {
	public AuthorizedKey {
		Ids.requireId(id, "authorized key id");
		Ids.requireId(serviceAccountId, "service account id of authorized key '" + id + "'");
		Objects.requireNonNull(publicKey, "public key of authorized key '" + id + "' must not be null");
		if (!(publicKey instanceof RSAPublicKey)) {
			throw new IllegalArgumentException("authorized key '" + id + "' must be an RSA key, not " + publicKey.getAlgorithm());
		}
		Objects.requireNonNull(createdAt, "createdAt of authorized key '" + id + "' must not be null");
	}

	/** The private key, when the fake generated this key. */
	public Optional<PrivateKey> privateKeyIfKnown() {
		return Optional.ofNullable(privateKey);
	}

	/** {@code RSA_2048} or {@code RSA_4096}, as the real API names the algorithm. */
	public String keyAlgorithm() {
		return "RSA_" + ((RSAPublicKey) publicKey).getModulus().bitLength();
	}

	@Override
	public String toString() {
		return "AuthorizedKey[id=" + id + ", serviceAccountId=" + serviceAccountId + ", " + keyAlgorithm()
				+ (privateKey == null ? ", public key only" : ", private key ****") + ", createdAt=" + createdAt + "]";
	}
}
