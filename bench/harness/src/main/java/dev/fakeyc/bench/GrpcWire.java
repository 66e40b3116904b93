package dev.fakeyc.bench;

import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The gRPC benchmark's wire: messages as raw bytes, so client and servers need no generated classes. */
final class GrpcWire {
	/** A message as it travels, unparsed. */
	static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	};

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
