package dev.fakeyc.bench;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * The gRPC reference: a bare grpc-java server built as the fake's gRPC front is (grpc-netty-shaded, TLS with an EC P-256
 * key, one group of {@code --io-threads} NIO event loops of its own that accepts and serves, calls answered on the
 * event loop (grpc's {@code directExecutor}), a fallback registry answering every method from remembered method
 * definitions; the fake's front is built that way since issue 15's speed work, and so is this reference) but answering with the least work possible. One string comparison of the {@code authorization}
 * metadata picks the answer: equal, status OK and the given response bytes (the fake's own answer, probed by the
 * script); otherwise the given status and message. Both servers put the same bytes on the wire.
 *
 * <pre>
 * BareGrpcMain --port 0 --keystore bare.p12 --password changeit --io-threads 2 \
 *     --authorization "Bearer t1.…" --response-hex "" --refusal-code UNAUTHENTICATED --refusal-message "IAM token or API key has to be passed in request"
 * </pre>
 * Prints {@code pid PID grpc listening on 127.0.0.1:PORT}.
 */
public final class BareGrpcMain {
	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

	private BareGrpcMain() {
	}

	public static void main(String[] args) throws Exception {
		Args a = Args.parse(args);
		char[] password = a.value("--password", "changeit").toCharArray();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(Path.of(a.value("--keystore", null)))) {
			store.load(in, password);
		}
		KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(store, password);
		String expected = a.value("--authorization", "");
		byte[] response = GrpcWire.unhex(a.value("--response-hex", ""));
		Status refusal = Status.fromCode(Status.Code.valueOf(a.value("--refusal-code", "UNAUTHENTICATED")))
				.withDescription(a.value("--refusal-message", "IAM token or API key has to be passed in request"));
		int ioThreads = a.intValue("--io-threads", 2);
		ServerCallHandler<byte[], byte[]> handler = (call, headers) -> {
			if (!expected.equals(headers.get(AUTHORIZATION))) {
				call.close(refusal, new Metadata());
				return new ServerCall.Listener<>() {
				};
			}
			call.request(1);
			return new ServerCall.Listener<>() {
				@Override
				public void onHalfClose() {
					call.sendHeaders(new Metadata());
					call.sendMessage(response);
					call.close(Status.OK, new Metadata());
				}
			};
		};
		java.util.Map<String, ServerMethodDefinition<?, ?>> known = new java.util.concurrent.ConcurrentHashMap<>();
		HandlerRegistry any = new HandlerRegistry() {
			@Override
			public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
				return known.computeIfAbsent(methodName, name -> ServerMethodDefinition.create(GrpcWire.unary(name), handler));
			}
		};
		NioEventLoopGroup loops = new NioEventLoopGroup(ioThreads);
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", a.intValue("--port", 0)),
				TlsServerCredentials.newBuilder().keyManager(kmf.getKeyManagers()).build())
				.channelType(NioServerSocketChannel.class).bossEventLoopGroup(loops)
				.workerEventLoopGroup(loops).directExecutor().fallbackHandlerRegistry(any).build().start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
		System.out.println("pid " + ProcessHandle.current().pid() + " grpc listening on 127.0.0.1:" + server.getPort());
		System.out.flush();
		server.awaitTermination();
	}
}
