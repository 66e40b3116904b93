package dev.fakeyc.server.internal.journal;

import dev.fakeyc.server.Secret;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry's string form reads back every {@code char} exactly, whether a string takes the all-one-byte way or not,
 * and a mask written in place is byte for byte the mask written as a string.
 */
class EntryBytesTest {
	private static final List<String> TEXTS = Arrays.asList("", "a", "GET", "/compute/v1/instances", "nul\u0000inside", "\u0000",
			"caf\u00e9", "\u00e9 first", "\u007f del", "\u0080", "\u07ff\u0800", "\u043f\u0443\u0442\u044c", "\ud83d\ude00 pair",
			"lone \ud800 high", "lone \udc00 low", "\uffff", null, "x".repeat(5000), "\u00e9".repeat(700));

	@Test
	void everyStringReadsBackAsWritten() {
		EntryBytes out = EntryBytes.writer();
		for (String s : TEXTS) {
			out.writeString(s);
		}
		EntryBytes.Reader in = new EntryBytes.Reader(out.toByteArray());
		for (String s : TEXTS) {
			assertThat(in.readString()).isEqualTo(s);
		}
	}

	@Test
	void skippingAStringLandsWhereReadingItWould() {
		EntryBytes out = EntryBytes.writer();
		for (String s : TEXTS) {
			out.writeString(s).writeByte(42);
		}
		EntryBytes.Reader in = new EntryBytes.Reader(out.toByteArray());
		for (int i = 0; i < TEXTS.size(); i++) {
			in.skipString();
			assertThat(in.readByte()).isEqualTo(42);
		}
	}

	@Test
	void aMaskWrittenInPlaceIsTheMaskWrittenAsAString() {
		for (String value : List.of("t1.9euelZqXx5GRjpKUlZWSnJKQnJGdkO3rnpWazs6Wk5KWmJGNl5LPzpmelJbl8_dAfVpA", "AQVNabcdefghij",
				"\u00e9\u00e9\u00e9\u00e9middle\u043f\u0443\u0442\u044c", "\ud83d\ude00\ud83d\ude00 split pairs \ud83d\ude00\ud83d\ude00", "\u0000abcdefgh\u0000")) {
			byte[] inPlace = EntryBytes.writer().writeMasked(value).toByteArray();
			byte[] asString = EntryBytes.writer().writeString(Secret.mask(value)).toByteArray();

			assertThat(inPlace).isEqualTo(asString);
			assertThat(new EntryBytes.Reader(inPlace).readString()).isEqualTo(Secret.mask(value));
		}
	}
}
