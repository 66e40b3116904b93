package dev.fakeyc.server.internal.grpc;

import org.apiguardian.api.API;

import io.grpc.Drainable;
import io.grpc.HandlerRegistry;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC front: grpc-java's own Netty server over TLS ({@link TlsIdentity}; the server-side TLS context is built
 * once per JVM), bound to the fake's host, on its own event-loop group, which both accepts and serves (not the
 * JVM-wide one grpc shares with client channels). Every method of every service is
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

	/**
	 * grpc's byte[] marshaller: the front reads and writes messages as protobuf wire bytes. Both ways without a spare
	 * copy: a request is read into an array of its exact size (grpc's message stream knows its length; the JDK's
	 * {@code readAllBytes} would allocate 8 KiB and more per call), a response is handed over as a stream that tells
	 * grpc its length and drains itself into grpc's buffer (a plain stream is copied through a scratch buffer).
	 */
	static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
		@Override
		public InputStream stream(byte[] value) {
			return new MessageStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				if (!(stream instanceof KnownLength)) {
					return stream.readAllBytes(); // a decompressed message: its length is not known ahead
				}
				byte[] message = new byte[stream.available()];
				int read = stream.readNBytes(message, 0, message.length);
				if (read == message.length && stream.available() == 0) {
					return message;
				}
				byte[] rest = stream.readAllBytes();
				byte[] whole = Arrays.copyOf(message, read + rest.length);
				System.arraycopy(rest, 0, whole, read, rest.length);
				return whole;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	};

	/** A response message as grpc takes it best: its length known ({@link KnownLength}), written out in one piece ({@link Drainable}). */
	private static final class MessageStream extends ByteArrayInputStream implements KnownLength, Drainable {
		MessageStream(byte[] message) {
			super(message);
		}

		@Override
		public synchronized int drainTo(OutputStream target) throws IOException {
			int length = count - pos;
			target.write(buf, pos, length);
			pos = count;
			return length;
		}
	}

	/**
	 * The server side of TLS for {@link TlsIdentity}'s certificate, built once per JVM and shared by every front (a Netty
	 * {@link SslContext} is immutable and meant to be shared). Building it per server, as grpc does for each
	 * {@code TlsServerCredentials}, cost about 20 ms of every start (issue 15's start+close benchmark); the holder
	 * idiom builds it on the first start.
	 */
	private static final class ServerTls {
		static final SslContext CONTEXT = build();

		private static SslContext build() {
			TlsIdentity identity = TlsIdentity.get();
			try {
				return GrpcSslContexts.configure(SslContextBuilder.forServer(identity.privateKey(), identity.certificate())).build();
			} catch (IOException | RuntimeException e) {
				throw new IllegalStateException("cannot set up TLS for the gRPC front with the fake's certificate: " + e.getMessage(), e);
			}
		}
	}

	/** How many method names the fallback registry remembers (the client names them: bounded, so no client grows it without end). */
	private static final int KNOWN_METHODS = 4096;

	private final Server server;
	private final EventLoopGroup loops;
	private final ExecutorService workers;

	private GrpcFront(Server server, EventLoopGroup loops, ExecutorService workers) {
		this.server = server;
		this.loops = loops;
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
		// one group both accepts and serves: a second (boss) group's thread to start and to wait for at close cost about
		// 2 ms of every start+close, and accepting is a few connections per test
		EventLoopGroup loops = new NioEventLoopGroup(ioThreads, daemonThreads("fakeyc-grpc"));
		// as on the REST front, a call is answered on its event loop (grpc's directExecutor: no hop to another thread
		// and back per call), except a test's responder and the token exchange, which may take long: those run on
		// workers made on demand (none until one is needed, so an unused pool costs start and close nothing)
		ThreadPoolExecutor workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemonThreads("fakeyc-grpc-worker"));
		answering.runOn(loops, workers);
		Map<String, ServerMethodDefinition<?, ?>> known = new ConcurrentHashMap<>();
		HandlerRegistry everyMethod = new HandlerRegistry() {
			@Override
			public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
				ServerMethodDefinition<?, ?> definition = known.get(methodName);
				if (definition != null) {
					return definition;
				}
				MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNKNOWN)
						.setFullMethodName(methodName).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
				definition = ServerMethodDefinition.create(method, answering);
				if (known.size() < KNOWN_METHODS) {
					known.putIfAbsent(methodName, definition);
				}
				return definition;
			}
		};
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).sslContext(ServerTls.CONTEXT)
				.bossEventLoopGroup(loops).workerEventLoopGroup(loops).channelType(NioServerSocketChannel.class).directExecutor()
				.fallbackHandlerRegistry(everyMethod).maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageSize))
				.maxInboundMetadataSize(64 * 1024).build();
		try {
			server.start();
		} catch (IOException | RuntimeException e) {
			server.shutdownNow();
			loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			workers.shutdownNow();
			throw new IllegalStateException("cannot serve gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
		}
		return new GrpcFront(server, loops, workers);
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
		loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
		workers.shutdown();
		try {
			if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
				workers.shutdownNow(); // a test's responder still blocked after its call was cancelled: interrupt it
				workers.awaitTermination(1, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			workers.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}
}
