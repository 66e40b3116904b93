package dev.fakeyc.bench;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The gRPC benchmark's wire: messages as raw bytes, so client and servers need no generated classes. */
final class GrpcWire {
	/**
	 * A message as it travels, unparsed, without spare copies (as the fake's front does, so that the bare server is
	 * no slower than it needs to be): read into an array of the size grpc's stream knows, written as a stream that
	 * tells grpc its length and drains itself.
	 */
	static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
		@Override
		public InputStream stream(byte[] value) {
			return new Message(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				if (stream instanceof KnownLength && stream.available() >= 0) {
					byte[] message = stream.readNBytes(stream.available());
					if (stream.available() == 0) {
						return message;
					}
					byte[] rest = stream.readAllBytes();
					byte[] whole = java.util.Arrays.copyOf(message, message.length + rest.length);
					System.arraycopy(rest, 0, whole, message.length, rest.length);
					return whole;
				}
				return stream.readAllBytes();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	};

	/** An outgoing message: length known, drained in one write. */
	private static final class Message extends ByteArrayInputStream implements KnownLength, Drainable {
		Message(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int drainTo(OutputStream target) throws IOException {
			int n = count - pos;
			target.write(buf, pos, n);
			pos = count;
			return n;
		}
	}

	private GrpcWire() {
	}

	/**
	 * A unary method of any service, carrying raw bytes.
	 *
	 * @param fullName e.g. {@code yandex.cloud.resourcemanager.v1.FolderService/List}
	 */
	static MethodDescriptor<byte[], byte[]> unary(String fullName) {
		return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullName)
				.setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
	}

	static String hex(byte[] bytes) {
		StringBuilder s = new StringBuilder();
		for (byte b : bytes) {
			s.append(String.format("%02x", b));
		}
		return s.toString();
	}

	static byte[] unhex(String hex) {
		byte[] b = new byte[hex.length() / 2];
		for (int i = 0; i < b.length; i++) {
			b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
		}
		return b;
	}
}
