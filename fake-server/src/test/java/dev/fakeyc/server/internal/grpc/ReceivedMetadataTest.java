package dev.fakeyc.server.internal.grpc;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Metadata as the transport hands it over (names and values as bytes), read the way grpc's own Metadata reads it. */
class ReceivedMetadataTest {
	private final ReceivedMetadata.Names names = new ReceivedMetadata.Names();

	@Test
	void theLastValueOfANameIsWhatMetadataGetAnswers() {
		Metadata received = received("authorization", "Bearer a", "x-folder-id", "b1g", "authorization", "Bearer b");

		ReceivedMetadata read = ReceivedMetadata.of(received, names);

		Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
		assertThat(read.last("authorization")).isEqualTo(received.get(authorization)).isEqualTo("Bearer b");
		assertThat(read.last("X-Folder-Id")).isEqualTo("b1g"); // grpc lower-cases a key's name
		assertThat(read.last("x-other")).isNull();
	}

	@Test
	void theJournalSeesTheContentTypeFirstThenEveryTextValueInOrderButBinaryOnes() {
		Metadata received = received("content-type", "application/grpc+proto", "user-agent", "grpc-java/1.43.2", "trace-bin", "AAEC",
				"x-client-request-id", "r-1", "x-client-request-id", "r-2");

		List<String> seen = new ArrayList<>();
		ReceivedMetadata.of(received, names).journalView().forEach((name, value) -> seen.add(name + "=" + value));

		assertThat(seen).containsExactly("content-type=application/grpc", "user-agent=grpc-java/1.43.2", "x-client-request-id=r-1",
				"x-client-request-id=r-2");
	}

	@Test
	void valuesAreDecodedAsGrpcsAsciiMarshallerDecodesThem() {
		Metadata received = InternalMetadata.newMetadata("x-odd".getBytes(StandardCharsets.US_ASCII), new byte[]{ 'a', (byte) 0xE9, 'b' });

		assertThat(ReceivedMetadata.of(received, names).last("x-odd"))
				.isEqualTo(received.get(Metadata.Key.of("x-odd", Metadata.ASCII_STRING_MARSHALLER)));
	}

	@Test
	void aNameSeenBeforeIsTheSameStringAndTheKeptNamesAreBounded() {
		String first = names.of("user-agent".getBytes(StandardCharsets.US_ASCII));

		assertThat(names.of("user-agent".getBytes(StandardCharsets.US_ASCII))).isSameAs(first);
		for (int i = 0; i < ReceivedMetadata.Names.MAX + 10; i++) {
			assertThat(names.of(("x-name-" + i).getBytes(StandardCharsets.US_ASCII))).isEqualTo("x-name-" + i);
		}
		String late = names.of("x-late".getBytes(StandardCharsets.US_ASCII));
		assertThat(names.of("x-late".getBytes(StandardCharsets.US_ASCII))).isEqualTo(late).isNotSameAs(late);
		assertThat(names.of("user-agent".getBytes(StandardCharsets.US_ASCII))).isSameAs(first);
	}

	/** Metadata built as the Netty transport builds a received one: name, value, name, value… as bytes. */
	private static Metadata received(String... pairs) {
		byte[][] bytes = new byte[pairs.length][];
		for (int i = 0; i < pairs.length; i++) {
			bytes[i] = pairs[i].getBytes(StandardCharsets.US_ASCII);
		}
		return InternalMetadata.newMetadata(bytes);
	}
}
