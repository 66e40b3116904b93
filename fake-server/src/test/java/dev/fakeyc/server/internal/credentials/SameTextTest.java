package dev.fakeyc.server.internal.credentials;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison that lets a thread reuse the digest of the secret it looked up last ({@code Credentials.digest}). */
class SameTextTest {
	@Test
	void equalTextIsTheSameWhateverTheInstance() {
		String token = "t1.9euelZqNnJ" + "x".repeat(170);
		assertThat(Credentials.sameText(token, new String(token.toCharArray()))).isTrue();
		assertThat(Credentials.sameText("", "")).isTrue();
		assertThat(Credentials.sameText("ключ-é", "ключ-é")).isTrue();
	}

	@Test
	void anyDifferentCharacterOrLengthIsNotTheSame() {
		String token = "AQVN" + "k".repeat(36);
		for (int i = 0; i < token.length(); i++) {
			char[] changed = token.toCharArray();
			changed[i] ^= 1;
			assertThat(Credentials.sameText(token, new String(changed))).as("character %d changed", i).isFalse();
		}
		assertThat(Credentials.sameText(token, token + "k")).isFalse();
		assertThat(Credentials.sameText(token, token.substring(1))).isFalse();
		assertThat(Credentials.sameText("a", "\u0161")).isFalse(); // differs only above the low byte
		assertThat(Credentials.sameText("\u0100", "\u0000")).isFalse();
	}
}
