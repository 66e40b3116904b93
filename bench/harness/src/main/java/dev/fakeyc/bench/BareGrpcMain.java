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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The gRPC reference: a bare grpc-java server built as the fake's gRPC front is (grpc-netty-shaded, TLS with an EC P-256
 * key, one group of {@code --io-threads} NIO event loops of its own that accepts and serves, calls answered on the
 * event loop (grpc's {@code directExecutor}), a fallback registry answering every method from remembered method
 * definitions) but answering with the least work that puts the fake's bytes on the wire. Like the fake, it reads the
 * request message and answers at the client's half-close; one string comparison of the {@code authorization} metadata
 * then picks the answer:
 * <ul>
 *   <li>equal: response headers {@code x-request-id} (a version-4 UUID) and {@code x-server-trace-id}
 *       ({@code hex16:hex16:hex16:1}), new for every call, the given response bytes (the fake's own answer, probed by
 *       the script), status OK with no trailers;</li>
 *   <li>otherwise: a trailers-only answer with the given status and message, {@code x-request-id} and
 *       {@code x-server-trace-id} as above, and {@code grpc-status-details-bin}: a {@code google.rpc.Status} of the code
 *       and message whose one detail is a {@code google.rpc.RequestInfo} with the request id (made once with a
 *       placeholder id; per call a copy with the id written in).</li>
 * </ul>
 * The ids are new per call as the fake's are, so HTTP/2's header compression cannot index them on either server. The
 * script checks, through {@code GrpcLoadMain --probe}, that both servers answer the same status, message, response
 * bytes, headers and trailers (ids compared by form) before measuring.
 *
 * <pre>
 * BareGrpcMain --port 0 --keystore bare.p12 --password changeit --io-threads 2 \
 *     --authorization "Bearer t1.…" --response-hex "" --refusal-code UNAUTHENTICATED --refusal-message "IAM token or API key has to be passed in request"
 * </pre>
 * Prints {@code pid PID grpc listening on 127.0.0.1:PORT}.
 */
public final class BareGrpcMain {
	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<String> TRACE_ID = Metadata.Key.of("x-server-trace-id", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<byte[]> STATUS_DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
	private static final int ID_LENGTH = 36;
	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
		byte[] details = statusDetails(refusal.getCode().value(), refusal.getDescription(), "x".repeat(ID_LENGTH));
		int idAt = details.length - ID_LENGTH; // the request id is the message's last field
		int ioThreads = a.intValue("--io-threads", 2);
		ServerCallHandler<byte[], byte[]> handler = (call, headers) -> {
			call.request(1);
			return new ServerCall.Listener<>() {
				@Override
				public void onHalfClose() {
					String requestId = requestId();
					Metadata ids = new Metadata();
					ids.put(REQUEST_ID, requestId);
					ids.put(TRACE_ID, traceId());
					if (expected.equals(headers.get(AUTHORIZATION))) {
						call.sendHeaders(ids);
						call.sendMessage(response);
						call.close(Status.OK, new Metadata());
					} else {
						byte[] mine = details.clone();
						System.arraycopy(requestId.getBytes(StandardCharsets.US_ASCII), 0, mine, idAt, ID_LENGTH);
						ids.put(STATUS_DETAILS, mine);
						call.close(refusal, ids);
					}
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

	/** A version-4 UUID from the thread's random numbers (unique, not secret), in its 36-character text form. */
	private static String requestId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
	}

	/** {@code hex16:hex16:hex16:1}, the first and third part equal. */
	private static String traceId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		long x = r.nextLong();
		long y = r.nextLong();
		byte[] out = new byte[52];
		for (int i = 15; i >= 0; i--) {
			out[i] = HEX[(int) (x >>> (4 * (15 - i)) & 0xF)];
			out[17 + i] = HEX[(int) (y >>> (4 * (15 - i)) & 0xF)];
		}
		System.arraycopy(out, 0, out, 34, 16);
		out[16] = ':';
		out[33] = ':';
		out[50] = ':';
		out[51] = '1';
		return new String(out, StandardCharsets.US_ASCII);
	}

	/**
	 * {@code google.rpc.Status{code=1, message=2, details=3: Any{type_url=1, value=2: google.rpc.RequestInfo{request_id=1}}}}
	 * in protobuf's wire format; ASCII text, each length below 128 or written as a varint.
	 */
	static byte[] statusDetails(int code, String message, String requestId) {
		byte[] requestInfo = field(1, requestId.getBytes(StandardCharsets.UTF_8));
		java.io.ByteArrayOutputStream any = new java.io.ByteArrayOutputStream();
		any.writeBytes(field(1, "type.googleapis.com/google.rpc.RequestInfo".getBytes(StandardCharsets.UTF_8)));
		any.writeBytes(field(2, requestInfo));
		java.io.ByteArrayOutputStream status = new java.io.ByteArrayOutputStream();
		if (code != 0) {
			status.write(1 << 3);
			varint(status, code);
		}
		status.writeBytes(field(2, message.getBytes(StandardCharsets.UTF_8)));
		status.writeBytes(field(3, any.toByteArray()));
		return status.toByteArray();
	}

	private static byte[] field(int number, byte[] value) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.write(number << 3 | 2);
		varint(out, value.length);
		out.writeBytes(value);
		return out.toByteArray();
	}

	private static void varint(java.io.ByteArrayOutputStream out, long value) {
		long v = value;
		while ((v & ~0x7FL) != 0) {
			out.write((int) (v & 0x7F | 0x80));
			v >>>= 7;
		}
		out.write((int) v);
	}
}
