package dev.fakeyc.server.internal.grpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protocol buffers messages in the binary wire format (protobuf.dev, "Encoding"): varints, length-delimited
 * strings and nested messages; enough for the few messages the fake answers itself (discovery, the IAM token,
 * {@code Operation}, a completion chunk). Fields are written in the order called; a default value (0, false, empty)
 * is skipped, as protobuf's own writer skips it for proto3 fields. Not thread-safe; one message per instance.
 */
final class ProtoWriter {
	/** The wire type of varints. */
	static final int VARINT = 0;
	/** The wire type of strings, bytes and nested messages. */
	static final int LENGTH_DELIMITED = 2;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/** A {@code string} field; skipped when empty. */
	ProtoWriter string(int field, String value) {
		return value.isEmpty() ? this : bytes(field, value.getBytes(StandardCharsets.UTF_8));
	}

	/** A {@code bytes} or nested-message field from its encoded bytes, written even when empty (a present sub-message). */
	ProtoWriter bytes(int field, byte[] value) {
		tag(field, LENGTH_DELIMITED);
		varint(value.length);
		out.writeBytes(value);
		return this;
	}

	/** A nested message field, written even when empty (so a present, default sub-message stays present). */
	ProtoWriter message(int field, ProtoWriter message) {
		return bytes(field, message.toByteArray());
	}

	/** An {@code int32}, {@code int64}, {@code uint64} or enum field; skipped when 0. */
	ProtoWriter int64(int field, long value) {
		if (value == 0) {
			return this;
		}
		tag(field, VARINT);
		varint(value);
		return this;
	}

	/** A {@code bool} field; skipped when false. */
	ProtoWriter bool(int field, boolean value) {
		return int64(field, value ? 1 : 0);
	}

	/** The message's bytes. */
	byte[] toByteArray() {
		return out.toByteArray();
	}

	private void tag(int field, int wireType) {
		varint(((long) field << 3) | wireType);
	}

	private void varint(long value) {
		long v = value;
		while ((v & ~0x7FL) != 0) {
			out.write((int) ((v & 0x7F) | 0x80));
			v >>>= 7;
		}
		out.write((int) v);
	}

	/** How many bytes {@code value} takes as a varint (an {@code int32} or {@code int64} field's value, a length). */
	static int varintSize(long value) {
		int n = 1;
		long v = value;
		while ((v & ~0x7FL) != 0) {
			n++;
			v >>>= 7;
		}
		return n;
	}

	/**
	 * A message written into one array of a size its caller computed first: for a message made on every call, where the
	 * nested writers' buffers and copies would cost more than the message. The caller writes tags, varints and bytes in
	 * order; {@link #array()} checks the size came out exact.
	 */
	static final class Fixed {
		private final byte[] out;
		private int at;

		Fixed(int size) {
			out = new byte[size];
		}

		Fixed tag(int field, int wireType) {
			return varint(((long) field << 3) | wireType);
		}

		Fixed varint(long value) {
			long v = value;
			while ((v & ~0x7FL) != 0) {
				out[at++] = (byte) ((v & 0x7F) | 0x80);
				v >>>= 7;
			}
			out[at++] = (byte) v;
			return this;
		}

		Fixed bytes(byte[] value) {
			System.arraycopy(value, 0, out, at, value.length);
			at += value.length;
			return this;
		}

		/** The message; throws {@link IllegalStateException} when fewer bytes were written than sized. */
		byte[] array() {
			if (at != out.length) {
				throw new IllegalStateException("sized " + out.length + " bytes, wrote " + at);
			}
			return out;
		}
	}
}
