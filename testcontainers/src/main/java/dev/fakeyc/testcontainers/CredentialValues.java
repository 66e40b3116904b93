package dev.fakeyc.testcontainers;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Values in the real cloud's shapes for credentials made on the test's side and registered in the
 * container: 20-character {@code aje…}/{@code b1g…} ids, {@code t1.…} IAM tokens, 40-character
 * {@code AQVN…} API key secrets (the shapes of the reference, §1 and §3).
 */
final class CredentialValues {
	private static final char[] ID_CHARS = "abcdefghijklmnopqrstuv0123456789".toCharArray();
	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	String id(String prefix) {
		StringBuilder sb = new StringBuilder(20).append(prefix);
		byte[] bytes = new byte[20 - prefix.length()];
		random.nextBytes(bytes);
		for (byte b : bytes) {
			sb.append(ID_CHARS[b & 31]);
		}
		return sb.toString();
	}

	String iamToken() {
		return "t1." + base64url(72) + "." + base64url(65).substring(0, 86);
	}

	String apiKeySecret() {
		return "AQVN" + base64url(27);
	}

	private String base64url(int bytes) {
		byte[] b = new byte[bytes];
		random.nextBytes(b);
		return URL.encodeToString(b);
	}
}
