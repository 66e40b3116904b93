package dev.fakeyc.server.internal.credentials;

import org.apiguardian.api.API;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Values that look like the real cloud's: {@code t1.…} IAM tokens, 40-character {@code AQVN…}
 * secrets, 20-character {@code aje…} ids, {@code b1g…} folders, {@code y0_…} OAuth tokens. Random
 * enough to be unique per server and across parallel tests; secrets from {@code SecureRandom}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Generated {
	private static final char[] ID_CHARS = "abcdefghijklmnopqrstuv0123456789".toCharArray();
	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
	// below, String.concat rather than +: the jar's demo cloud makes these right after its startup line, beside a
	// client's first request, and each + chain's first call spins method-handle classes

	/**
	 * The JVM's {@code SecureRandom}, for secrets, made on first use rather than when an engine is built: making one
	 * reads the security providers and seeds a generator (about 20 ms of a cold JVM), which a fake that never issues a
	 * credential does not need, and which the standalone jar's demo cloud pays only after its startup line. Thread-safe;
	 * one per JVM (the JDK's native generator is one per JVM anyway).
	 */
	private static final class Source {
		static final SecureRandom RANDOM = new SecureRandom();

		private Source() {
		}
	}

	/**
	 * A 20-character resource id with the given 3-letter prefix ({@code aje}, {@code b1g}, …): 17 of 32 characters,
	 * 85 bits. An id is a name, not a secret (the cloud shows it in answers and consoles), so it comes from the thread's
	 * {@code ThreadLocalRandom}, as request ids do: an engine's build makes ids and no secret.
	 */
	public String id(String prefix) {
		StringBuilder sb = new StringBuilder(20).append(prefix);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long bits = random.nextLong();
		for (int i = prefix.length(), used = 0; i < 20; i++, used++) {
			if (used == 12) { // 12 characters of 5 bits from each long
				bits = random.nextLong();
				used = 0;
			}
			sb.append(ID_CHARS[(int) (bits & 31)]);
			bits >>>= 5;
		}
		return sb.toString();
	}

	/** An IAM token in the current format: {@code t1.} + 96-character payload + {@code .} + 86-character tail. */
	public String iamToken() {
		return "t1.".concat(base64url(72)).concat(".").concat(base64url(86 * 3 / 4 + 1).substring(0, 86));
	}

	/** An API key secret: {@code AQVN} + 36 base64url characters, 40 in all. */
	public String apiKeySecret() {
		return "AQVN".concat(base64url(27));
	}

	/** A Yandex ID OAuth token: {@code y0_} + 55 base64url characters. */
	public String oauthToken() {
		return "y0_".concat(base64url(42).substring(0, 55));
	}

	private String base64url(int bytes) {
		byte[] b = new byte[bytes];
		Source.RANDOM.nextBytes(b);
		return URL.encodeToString(b);
	}
}
