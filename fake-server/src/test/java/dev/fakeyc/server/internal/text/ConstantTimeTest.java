package dev.fakeyc.server.internal.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison of secrets: {@code Secret.matches} and {@code equals}, and the digest a thread reuses ({@code Credentials.digest}). */
class ConstantTimeTest {
	@Test
	void equalTextIsTheSameWhateverTheInstance() {
		String token = "t1.9euelZqNnJ" + "x".repeat(170);
		assertThat(ConstantTime.sameText(token, new String(token.toCharArray()))).isTrue();
		assertThat(ConstantTime.sameText("", "")).isTrue();
		assertThat(ConstantTime.sameText("ключ-é", "ключ-é")).isTrue();
	}

	@Test
	void anyDifferentCharacterOrLengthIsNotTheSame() {
		String token = "AQVN" + "k".repeat(36);
		for (int i = 0; i < token.length(); i++) {
			char[] changed = token.toCharArray();
			changed[i] ^= 1;
			assertThat(ConstantTime.sameText(token, new String(changed))).as("character %d changed", i).isFalse();
		}
		assertThat(ConstantTime.sameText(token, token + "k")).isFalse();
		assertThat(ConstantTime.sameText(token, token.substring(1))).isFalse();
		assertThat(ConstantTime.sameText("a", "\u0161")).isFalse(); // differs only above the low byte
		assertThat(ConstantTime.sameText("\u0100", "\u0000")).isFalse();
		assertThat(ConstantTime.sameText("t1.a\uD800", "t1.a\uDBFF")).isFalse(); // lone surrogates: one '?' each in UTF-8
		assertThat(ConstantTime.sameText("t1.a\uD800", "t1.a?")).isFalse();
	}
}
