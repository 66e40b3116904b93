package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.FakeYandexCloud;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain grpc-java client of a fake's gRPC front: any method, messages as raw protobuf bytes, over TLS trusting the
 * fake's certificate from its PEM (no JVM-wide trust, so tests stay independent). One channel; close it. Public for
 * the standalone jar's tests (StandaloneGrpcIT), which trust the PEM the jar wrote.
 */
public final class GrpcClient implements AutoCloseable {
	private final ManagedChannel channel;

	public GrpcClient(FakeYandexCloud cloud) {
		this(cloud.grpcTarget(), cloud.grpcCertificatePem());
	}

	public GrpcClient(String target, String certificatePem) {
		try {
			TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
					.trustManager(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
			this.channel = NettyChannelBuilder.forTarget(target, tls.build()).build();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Metadata with {@code authorization} (when not null) and the other pairs given. */
	public static Metadata metadata(String authorization, String... pairs) {
		Metadata m = new Metadata();
		if (authorization != null) {
			m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
		}
		for (int i = 0; i < pairs.length; i += 2) {
			m.put(Metadata.Key.of(pairs[i], Metadata.ASCII_STRING_MARSHALLER), pairs[i + 1]);
		}
		return m;
	}

	/**
	 * One unary call.
	 *
	 * @throws StatusRuntimeException when the fake answers a non-OK status
	 */
	public byte[] unary(String method, byte[] request, Metadata headers) {
		return ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
				descriptor(method, MethodDescriptor.MethodType.UNARY), CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
	}

	/**
	 * One server-streaming call, read to its end.
	 *
	 * @throws StatusRuntimeException when the fake ends the stream with a non-OK status
	 */
	public List<byte[]> serverStreaming(String method, byte[] request, Metadata headers) {
		Iterator<byte[]> it = ClientCalls.blockingServerStreamingCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
				descriptor(method, MethodDescriptor.MethodType.SERVER_STREAMING), CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
		List<byte[]> all = new ArrayList<>();
		it.forEachRemaining(all::add);
		return all;
	}

	private static MethodDescriptor<byte[], byte[]> descriptor(String method, MethodDescriptor.MethodType type) {
		return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type).setFullMethodName(method).setRequestMarshaller(GrpcFront.BYTES)
				.setResponseMarshaller(GrpcFront.BYTES).build();
	}

	@Override
	public void close() {
		channel.shutdownNow();
		try {
			channel.awaitTermination(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
