package dev.fakeyc.server.internal.grpc;

import java.nio.charset.StandardCharsets;

/**
 * Reads single fields out of a protocol buffers message in the binary wire format, by field number, without its
 * schema: the fake decodes only the fields the catalog names (a folder id, a model URI) and the IAM exchange's two
 * strings. A path {@code 2.1} is field 1 of the message in field 2. For a repeated field the last value wins, as
 * protobuf merges a non-repeated field (protobuf.dev, "Encoding", "Last One Wins").
 */
final class ProtoReader {
	/** A message that is not valid wire format. */
	static final class Malformed extends Exception {
		private static final long serialVersionUID = 1L;

		Malformed(String message) {
			super(message);
		}
	}

	private ProtoReader() {
	}

	/**
	 * The string at a field path, or null when absent.
	 *
	 * @param message the encoded message
	 * @param path    field numbers, outermost first, such as {@code {2, 1}}
	 * @throws Malformed when the bytes are not valid wire format on the way to the field
	 */
	static String string(byte[] message, int[] path) throws Malformed {
		byte[] bytes = message;
		for (int depth = 0; depth < path.length; depth++) {
			bytes = lastLengthDelimited(bytes, path[depth]);
			if (bytes == null) {
				return null;
			}
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Every value of a length-delimited field (a repeated string or message), in order.
	 *
	 * @throws Malformed when the bytes are not valid wire format
	 */
	static java.util.List<byte[]> all(byte[] message, int field) throws Malformed {
		java.util.List<byte[]> values = new java.util.ArrayList<>();
		scan(message, field, values, null);
		return values;
	}

	/**
	 * The last value of a varint field ({@code int32}, {@code int64}, {@code bool}, an enum), or 0 when absent (proto3's
	 * default).
	 *
	 * @throws Malformed when the bytes are not valid wire format
	 */
	static long varint(byte[] message, int field) throws Malformed {
		long[] last = { 0 };
		scan(message, field, null, last);
		return last[0];
	}

	/** Parses {@code 2.1} into {@code {2, 1}}; @throws IllegalArgumentException unless positive field numbers joined by dots. */
	static int[] path(String text) {
		String[] parts = text.split("\\.", -1);
		int[] path = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			int number;
			try {
				number = Integer.parseInt(parts[i]);
			} catch (NumberFormatException e) {
				number = -1;
			}
			if (number < 1 || number > 536_870_911) {
				throw new IllegalArgumentException("'" + text + "' is not a protobuf field path; write field numbers joined by dots, like 1 or 2.1");
			}
			path[i] = number;
		}
		return path;
	}

	private static byte[] lastLengthDelimited(byte[] bytes, int wanted) throws Malformed {
		java.util.List<byte[]> values = new java.util.ArrayList<>(1);
		scan(bytes, wanted, values, null);
		return values.isEmpty() ? null : values.get(values.size() - 1);
	}

	/** Collects the field's length-delimited values into {@code found} and its last varint into {@code lastVarint[0]}, each when non-null. */
	private static void scan(byte[] bytes, int wanted, java.util.List<byte[]> found, long[] lastVarint) throws Malformed {
		int[] at = { 0 };
		while (at[0] < bytes.length) {
			long tag = varint(bytes, at);
			int field = (int) (tag >>> 3);
			int type = (int) (tag & 7);
			if (field == 0) {
				throw new Malformed("field number 0 at byte " + at[0]);
			}
			switch (type) {
				case 0 -> {
					long value = varint(bytes, at);
					if (field == wanted && lastVarint != null) {
						lastVarint[0] = value;
					}
				}
				case 1 -> skip(bytes, at, 8);
				case 5 -> skip(bytes, at, 4);
				case 2 -> {
					long length = varint(bytes, at);
					if (length < 0 || length > bytes.length - at[0]) {
						throw new Malformed("a field of " + length + " bytes runs past the message's end");
					}
					if (field == wanted && found != null) {
						found.add(java.util.Arrays.copyOfRange(bytes, at[0], at[0] + (int) length));
					}
					at[0] += (int) length;
				}
				default -> throw new Malformed("wire type " + type + " (groups or unknown) at byte " + at[0]);
			}
		}
	}

	private static void skip(byte[] bytes, int[] at, int count) throws Malformed {
		if (bytes.length - at[0] < count) {
			throw new Malformed("a fixed-width field runs past the message's end");
		}
		at[0] += count;
	}

	private static long varint(byte[] bytes, int[] at) throws Malformed {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			if (at[0] >= bytes.length) {
				throw new Malformed("a varint runs past the message's end");
			}
			byte b = bytes[at[0]++];
			value |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new Malformed("a varint longer than 10 bytes");
	}
}
