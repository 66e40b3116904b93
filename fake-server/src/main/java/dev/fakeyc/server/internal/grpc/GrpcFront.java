package dev.fakeyc.server.internal.grpc;

import org.apiguardian.api.API;

import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC front: grpc-java's own Netty server over TLS ({@link TlsIdentity}), bound to the fake's host, on its own
 * event-loop groups (not the JVM-wide ones grpc shares with client channels). Every method of every service is
 * answered: a fallback registry hands each call, as raw bytes, to one {@link GrpcAnswering} handler, which runs the
 * same request path as the REST front (catalog, decision, journal, stubs).
 *
 * <p>Loaded only when a fake is built with {@code grpc(port)}: nothing else in the fake refers to grpc types, so the
 * REST front works without grpc on the classpath. Compiled against grpc 1.43.2 (the official Java SDK's) and uses only
 * API that is unchanged up to 1.85.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GrpcFront {
	/** How long {@link #close()} lets calls in flight finish. */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	/** grpc's byte[] marshaller: the front reads and writes messages as protobuf wire bytes. */
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

	private final Server server;
	private final EventLoopGroup boss;
	private final EventLoopGroup workers;

	private GrpcFront(Server server, EventLoopGroup boss, EventLoopGroup workers) {
		this.server = server;
		this.boss = boss;
		this.workers = workers;
	}

	/**
	 * Starts a front.
	 *
	 * @param host           the address to bind (the fake's host; 127.0.0.1 by default)
	 * @param port           the port, 0 for a free one
	 * @param ioThreads      event-loop threads, at least 1
	 * @param maxMessageSize the largest request message accepted, bytes
	 * @param answering      what answers every call
	 * @return the started front
	 * @throws IllegalStateException when the port cannot be bound
	 */
	public static GrpcFront start(String host, int port, int ioThreads, long maxMessageSize, GrpcAnswering answering) {
		EventLoopGroup boss = new NioEventLoopGroup(1, daemonThreads("fakeyc-grpc-boss"));
		EventLoopGroup workers = new NioEventLoopGroup(ioThreads, daemonThreads("fakeyc-grpc"));
		answering.scheduleOn(workers);
		HandlerRegistry everyMethod = new HandlerRegistry() {
			@Override
			public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
				MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNKNOWN)
						.setFullMethodName(methodName).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
				return ServerMethodDefinition.create(method, answering);
			}
		};
		TlsIdentity identity = TlsIdentity.get();
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), TlsServerCredentials.newBuilder().keyManager(identity.keyManagers()).build())
				.bossEventLoopGroup(boss).workerEventLoopGroup(workers).channelType(NioServerSocketChannel.class)
				.fallbackHandlerRegistry(everyMethod).maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageSize))
				.maxInboundMetadataSize(64 * 1024).build();
		try {
			server.start();
		} catch (IOException | RuntimeException e) {
			server.shutdownNow();
			boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			throw new IllegalStateException("cannot serve gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
		}
		return new GrpcFront(server, boss, workers);
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
		java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
		return runnable -> {
			Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	/** The port it listens on. */
	public int port() {
		return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
	}

	/** Stops answering, letting calls in flight finish for up to 5 s, and stops its threads before it returns; idempotent. */
	public void close() {
		server.shutdown();
		try {
			if (!server.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				server.shutdownNow();
				server.awaitTermination(1, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			server.shutdownNow();
			Thread.currentThread().interrupt();
		}
		// no quiet period: the server is down, nothing more will be queued; wait so that close leaves no threads behind
		boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
		workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
	}
}
