package dev.fakeyc.server;

/** Argument checks shared by the value records. */
final class Ids {
	private Ids() {
	}

	static String requireId(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c == 0x7f) {
				throw new IllegalArgumentException(what + " must not contain spaces or control characters: '" + Secret.mask(value) + "'");
			}
		}
		return value;
	}
}
