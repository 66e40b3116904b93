package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.internal.journal.MaskedHeaders;
import io.grpc.InternalMetadata;
import io.grpc.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text metadata of one call as received, read once: what the decision looks up ({@code authorization}, the
 * catalog's {@code header:} folder sources) and what the journal keeps, from one walk over grpc's own name/value array
 * ({@link InternalMetadata#serialize}: for metadata received from the transport, a copy of the array of references;
 * present from grpc 1.43.2 to 1.85.x) instead of {@code keys()} and {@code get}/{@code getAll} per name (a new set, a
 * key object and a string per name and lookup on every call). Values are decoded as grpc's
 * {@code ASCII_STRING_MARSHALLER} decodes them; {@code -bin} (binary) metadata is left out, as before.
 * Immutable once made; made and read on the call's thread.
 */
final class ReceivedMetadata {
	private static final byte[] BINARY_SUFFIX = Metadata.BINARY_HEADER_SUFFIX.getBytes(StandardCharsets.US_ASCII);
	private static final String CONTENT_TYPE = "content-type";

	private final String[] pairs; // name, value, name, value… in the order received

	private ReceivedMetadata(String[] pairs) {
		this.pairs = pairs;
	}

	/**
	 * Reads a call's metadata.
	 *
	 * @param headers the call's metadata, as grpc handed it to the call handler
	 * @param names   the front's names seen before (their strings are reused)
	 * @return the text metadata
	 */
	static ReceivedMetadata of(Metadata headers, Names names) {
		byte[][] serialized = InternalMetadata.serialize(headers);
		String[] pairs = new String[serialized.length];
		int n = 0;
		for (int i = 0; i + 1 < serialized.length; i += 2) {
			byte[] name = serialized[i];
			if (name.length >= BINARY_SUFFIX.length
					&& Arrays.equals(name, name.length - BINARY_SUFFIX.length, name.length, BINARY_SUFFIX, 0, BINARY_SUFFIX.length)) {
				continue;
			}
			pairs[n++] = names.of(name);
			pairs[n++] = new String(serialized[i + 1], StandardCharsets.US_ASCII);
		}
		return new ReceivedMetadata(n == pairs.length ? pairs : Arrays.copyOf(pairs, n));
	}

	/**
	 * The last value of a text name, as {@code Metadata.get} answers it (names compared without regard to case, as
	 * grpc lower-cases a key's name).
	 *
	 * @param name the metadata name, not ending in {@code -bin}
	 * @return the value, or null when the call has none
	 */
	String last(String name) {
		for (int i = pairs.length - 2; i >= 0; i -= 2) {
			if (pairs[i].equalsIgnoreCase(name)) {
				return pairs[i + 1];
			}
		}
		return null;
	}

	/**
	 * The metadata as the journal's header source: {@code content-type: application/grpc} first, then every text
	 * name and value but the content type, in the order received.
	 */
	MaskedHeaders.Source journalView() {
		return each -> {
			each.accept(CONTENT_TYPE, "application/grpc");
			for (int i = 0; i < pairs.length; i += 2) {
				if (!pairs[i].equals(CONTENT_TYPE)) {
					each.accept(pairs[i], pairs[i + 1]);
				}
			}
		};
	}

	/**
	 * The metadata names a front has seen, kept so that every call does not decode the same few names again: at most
	 * {@value #MAX} (clients send the same handful on every call; a client sending ever new names gets each decoded, as
	 * before). Thread-safe: the event loops read one immutable array and publish a longer copy to add a name (two
	 * threads adding at once may lose one of the names, to be added on a later call).
	 */
	static final class Names {
		/** How many names are kept. */
		static final int MAX = 32;

		private volatile Entry[] known = new Entry[0];

		private record Entry(byte[] bytes, String text) {
		}

		/** The name as a string: the one kept for these bytes, or a new one (then kept while fewer than {@value #MAX} are). */
		String of(byte[] name) {
			Entry[] now = known;
			for (Entry e : now) {
				if (Arrays.equals(e.bytes, name)) {
					return e.text;
				}
			}
			String text = new String(name, StandardCharsets.US_ASCII);
			if (now.length < MAX) {
				Entry[] more = Arrays.copyOf(now, now.length + 1);
				more[now.length] = new Entry(name.clone(), text);
				known = more;
			}
			return text;
		}
	}
}
