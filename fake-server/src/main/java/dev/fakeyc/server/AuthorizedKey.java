package dev.fakeyc.server;

import org.apiguardian.api.API;
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
@API(status = API.Status.STABLE, since = "0.1")
public record AuthorizedKey(String id, String serviceAccountId, PublicKey publicKey, PrivateKey privateKey, Instant createdAt) {
	/**
	 * Checks the values.
	 *
	 * @param id               the key id, a cloud id ({@code aje…})
	 * @param serviceAccountId the owning service account's id
	 * @param publicKey        an RSA public key
	 * @param privateKey       its private half, or null when only the public half is registered
	 * @param createdAt        when it was made
	 * @throws IllegalArgumentException for an id that is not a cloud id, or a key that is not RSA
	 * @throws NullPointerException     for a null public key or creation instant
	 */
	public AuthorizedKey {
		Ids.requireId(id, "authorized key id");
		Ids.requireId(serviceAccountId, "service account id of authorized key '" + id + "'");
		Objects.requireNonNull(publicKey, "public key of authorized key '" + id + "' must not be null");
		if (!(publicKey instanceof RSAPublicKey)) {
			throw new IllegalArgumentException("authorized key '" + id + "' must be an RSA key, not " + publicKey.getAlgorithm());
		}
		Objects.requireNonNull(createdAt, "createdAt of authorized key '" + id + "' must not be null");
	}

	/**
	 * The private key, when the fake generated this key.
	 *
	 * @return the private half, or empty when only the public half was registered
	 */
	public Optional<PrivateKey> privateKeyIfKnown() {
		return Optional.ofNullable(privateKey);
	}

	/**
	 * The key's algorithm as the real API names it ({@code iam/api-ref/Key}: {@code keyAlgorithm}).
	 *
	 * @return {@code RSA_} and the modulus length in bits, such as {@code RSA_2048} or {@code RSA_4096}
	 */
	public String keyAlgorithm() {
		return "RSA_" + ((RSAPublicKey) publicKey).getModulus().bitLength();
	}

	/**
	 * The key file {@code yc iam key create --output key.json} writes: {@code id},
	 * {@code service_account_id}, {@code created_at}, {@code key_algorithm}, {@code public_key} and
	 * {@code private_key}, whose first line is {@code PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <id>}
	 * as the CLI writes it. The official SDKs' key loaders read it unchanged. It holds the private key:
	 * write it where the client under test reads it, nowhere else.
	 *
	 * @return the key file's JSON, pretty-printed, with {@code created_at} in whole seconds (ISO-8601, UTC)
	 * @throws IllegalStateException when only the public half of this key is known
	 */
	public String toKeyFile() {
		if (privateKey == null) {
			throw new IllegalStateException("authorized key '" + id + "' was registered with its public half only: no key file can be written");
		}
		String privatePem = "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <" + id + ">\n" + pem("PRIVATE KEY", privateKey.getEncoded());
		com.fasterxml.jackson.databind.node.ObjectNode file = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
				.put("id", id).put("service_account_id", serviceAccountId)
				.put("created_at", java.time.format.DateTimeFormatter.ISO_INSTANT.format(createdAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
				.put("key_algorithm", keyAlgorithm()).put("public_key", publicKeyPem()).put("private_key", privatePem);
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(file);
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The public key as the API and the key file show it.
	 *
	 * @return PEM text: {@code -----BEGIN PUBLIC KEY-----}, base64 lines of 64 characters, the end line, a newline
	 */
	public String publicKeyPem() {
		return pem("PUBLIC KEY", publicKey.getEncoded());
	}

	private static String pem(String type, byte[] der) {
		String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	@Override
	public String toString() {
		return "AuthorizedKey[id=" + id + ", serviceAccountId=" + serviceAccountId + ", " + keyAlgorithm()
				+ (privateKey == null ? ", public key only" : ", private key ****") + ", createdAt=" + createdAt + "]";
	}
}
