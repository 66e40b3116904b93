package dev.fakeyc.server;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.text.ConstantTime;

import java.util.Objects;

/**
 * A credential value (IAM token, API key secret, OAuth token) that never prints itself whole.
 *
 * <p>{@link #toString()} gives the mask the real cloud uses in its messages: the first four and
 * last four characters around {@code ****}, or just {@code ****} for values of eight characters or
 * fewer. The whole value leaves only through {@link #reveal()}, where a protocol needs it.
 *
 * <pre>{@code
 * Secret s = Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm");
 * s.toString();   // "AQVN****ICtm"
 * s.reveal();     // the whole value, for an Authorization header
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Secret {
	private final String value;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * Wraps a value.
	 *
	 * @param value the whole secret, any non-empty string
	 * @return a secret that prints masked
	 * @throws NullPointerException     for a null value
	 * @throws IllegalArgumentException for an empty value
	 */
	public static Secret of(String value) {
		Objects.requireNonNull(value, "secret value must not be null");
		if (value.isEmpty()) {
			throw new IllegalArgumentException("secret value must not be empty");
		}
		return new Secret(value);
	}

	/**
	 * The whole value. Use it only to put it on the wire.
	 *
	 * @return the unmasked value
	 */
	public String reveal() {
		return value;
	}

	/**
	 * The masked form, as the cloud prints it.
	 *
	 * @return the first 4 characters, {@code ****}, the last 4 ({@code AQVN****ICtm}); only {@code ****} for 8 or fewer
	 */
	public String masked() {
		return mask(value);
	}

	/**
	 * Masks any string the way {@link #masked()} does.
	 *
	 * @param value any string, or null
	 * @return the masked form; {@code null} for a null value
	 */
	public static String mask(String value) {
		if (value == null) {
			return "null";
		}
		if (value.length() <= 8) {
			return "****";
		}
		return value.substring(0, 4) + "****" + value.substring(value.length() - 4);
	}

	/**
	 * Compares with a candidate in time independent of where they differ.
	 *
	 * @param candidate a value from a request, or null
	 * @return true when the candidate equals the whole value; false for null
	 */
	public boolean matches(String candidate) {
		return candidate != null && ConstantTime.sameText(value, candidate);
	}

	@Override
	public boolean equals(Object o) {
		// the same chars, as hashCode() hashes them (an equality of UTF-8 bytes made texts differing only in lone
		// surrogates equal, with different hash codes)
		return o instanceof Secret other && ConstantTime.sameText(value, other.value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return masked();
	}
}
