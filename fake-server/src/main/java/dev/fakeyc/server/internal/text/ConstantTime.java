package dev.fakeyc.server.internal.text;

import org.apiguardian.api.API;

/**
 * The one comparison of secrets: whether a candidate from a request holds the same text as a secret, in a time that
 * says nothing about how much of the candidate matched.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class ConstantTime {
	private ConstantTime() {
	}

	/**
	 * Whether two strings hold the same characters, in a time that depends only on their lengths: every character pair
	 * is compared, with no early exit. Compares chars, not an encoding of them, so texts that differ only in lone
	 * surrogates are different texts (UTF-8 would turn each into {@code ?}).
	 *
	 * @param a a text, never null
	 * @param b another, never null
	 * @return true when both have the same length and the same char at every index
	 * @throws NullPointerException if either is null
	 */
	public static boolean sameText(String a, String b) {
		int n = a.length();
		if (n != b.length()) {
			return false;
		}
		int diff = 0;
		for (int i = 0; i < n; i++) {
			diff |= a.charAt(i) ^ b.charAt(i);
		}
		return diff == 0;
	}
}
