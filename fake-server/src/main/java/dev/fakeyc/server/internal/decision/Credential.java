package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.Secret;

import java.util.zip.CRC32;

/**
 * What an {@code Authorization} header carried. Scheme names match case-insensitively, but only
 * {@code Bearer} and {@code Api-Key} count: anything else ({@code OAuth}, {@code ApiKey}) is no
 * credential at all, as on the real gateway (reference §1.1).
 *
 * @param scheme   the scheme as recognized, or {@link Scheme#NONE}
 * @param seen     the scheme text as sent (for the journal), or empty
 * @param value    the credential value, or empty
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Credential(Scheme scheme, String seen, String value) {
	public enum Scheme {
		NONE, BEARER, API_KEY
	}

	private static final Credential ABSENT = new Credential(Scheme.NONE, "", "");

	public static Credential parse(String header) {
		if (header == null) {
			return ABSENT;
		}
		int start = skipSpaces(header, 0);
		int end = start;
		while (end < header.length() && !isSpace(header.charAt(end))) {
			end++;
		}
		if (end == start) {
			return ABSENT;
		}
		String value = header.substring(skipSpaces(header, end)).strip();
		Scheme recognized = is(header, start, end, BEARER) ? Scheme.BEARER : is(header, start, end, API_KEY) ? Scheme.API_KEY : Scheme.NONE;
		String seen = seen(header, start, end);
		if (recognized == Scheme.NONE || value.isEmpty()) {
			return new Credential(Scheme.NONE, seen, value);
		}
		return new Credential(recognized, seen, value);
	}

	private static final String BEARER = "Bearer";
	private static final String API_KEY = "Api-Key";

	private static boolean is(String header, int start, int end, String scheme) {
		return end - start == scheme.length() && header.regionMatches(true, start, scheme, 0, scheme.length());
	}

	/** The scheme as sent; the usual spellings without a substring per request. */
	private static String seen(String header, int start, int end) {
		if (end - start == BEARER.length() && header.startsWith(BEARER, start)) {
			return BEARER;
		}
		if (end - start == API_KEY.length() && header.startsWith(API_KEY, start)) {
			return API_KEY;
		}
		return schemeAsShown(header.substring(start, end));
	}

	/**
	 * HTTP authentication schemes a client may send by mistake; shown as sent in reasons. Any other
	 * first word may be the credential itself (a forgotten {@code Bearer }): it is masked.
	 */
	private static final java.util.Set<String> KNOWN_SCHEMES = java.util.Set.of("bearer", "api-key", "apikey", "api_key", "basic", "digest",
			"oauth", "token", "negotiate", "ntlm", "hoba", "mutual", "vapid", "scram-sha-1", "scram-sha-256", "aws4-hmac-sha256", "iam", "key");

	/** The first word of an Authorization value as outputs may show it: a known scheme name as sent, anything else masked. */
	static String schemeAsShown(String word) {
		return KNOWN_SCHEMES.contains(word.toLowerCase(java.util.Locale.ROOT)) ? word : Secret.mask(word);
	}

	/**
	 * An {@code Authorization} (or other credential-bearing) header value as outputs may show it: a
	 * known scheme name as sent and the rest masked; a value with no known scheme is masked whole, so
	 * a credential sent without its scheme never shows. Masking follows {@link Secret#mask(String)}.
	 *
	 * @param value the header value as received
	 * @return the masked value; never contains more than 8 characters of any credential
	 */
	public static String maskHeader(String value) {
		String v = value.strip();
		int space = 0;
		while (space < v.length() && !isSpace(v.charAt(space))) {
			space++;
		}
		String first = v.substring(0, space);
		String rest = v.substring(space).strip();
		if (rest.isEmpty() || !KNOWN_SCHEMES.contains(first.toLowerCase(java.util.Locale.ROOT))) {
			return Secret.mask(v);
		}
		return first + " " + Secret.mask(rest);
	}

	private static int skipSpaces(String s, int i) {
		while (i < s.length() && isSpace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t';
	}

	/** The scheme as the journal shows it. */
	public String schemeName() {
		return switch (scheme) {
			case BEARER -> "Bearer";
			case API_KEY -> "Api-Key";
			case NONE -> "";
		};
	}

	/** The value, masked: first 4 + {@code ****} + last 4. */
	public String masked() {
		return value.isEmpty() ? "" : Secret.mask(value);
	}

	/**
	 * The mask the gateway puts in {@code Unknown api key '…'}: {@code ****} for 8 characters or fewer,
	 * else first 4 + {@code ****} + last 4 and a checksum in parentheses (reference §2.2; the real
	 * checksum's algorithm is unknown, the fake uses CRC-32).
	 */
	public String gatewayMask() {
		if (value.length() <= 8) {
			return "****";
		}
		CRC32 crc = new CRC32();
		crc.update(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String hex = Long.toHexString(crc.getValue()).toUpperCase(java.util.Locale.ROOT);
		return Secret.mask(value) + " (" + "0".repeat(8 - hex.length()) + hex + ")";
	}

	/** The scheme and the masked value: a log line or a failure message never shows the secret whole. */
	@Override
	public String toString() {
		return "Credential[" + scheme + " " + masked() + "]";
	}
}
