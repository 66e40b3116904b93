package dev.fakeyc.bench;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gRPC load generator: unary calls of one method over TLS, a fixed number in flight, for a fixed time.
 * Prints {@code requests N seconds S rate R statuses OK=…,UNAUTHENTICATED=…}; with {@code --probe true} it makes
 * one call and prints what the bare server must answer instead:
 * {@code status CODE message MESSAGE response LENGTH:HEX headers HEADERS trailers TRAILERS}, spaces in the message as
 * {@code _}, the response {@code -} when none came, HEADERS and TRAILERS as {@link #shape(Metadata, String) shapes} (values that must differ per call,
 * the request and trace ids, named by their form, so two servers' probes are equal exactly when they send the same
 * bytes but for those ids).
 *
 * <pre>
 * GrpcLoadMain --target 127.0.0.1:PORT --ca-file fake.pem --method yandex.cloud.resourcemanager.v1.FolderService/List \
 *     --authorization "Bearer t1.…" --request-hex 0a0362316763 --seconds 10 --channels 4 --in-flight 32
 * </pre>
 */
public final class GrpcLoadMain {
	private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

	private GrpcLoadMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Args a = Args.parse(args);
		MethodDescriptor<byte[], byte[]> method = GrpcWire.unary(a.value("--method", "yandex.cloud.resourcemanager.v1.FolderService/List"));
		String authorization = a.value("--authorization", "");
		byte[] request = GrpcWire.unhex(a.value("--request-hex", ""));
		int channels = a.intValue("--channels", 4);
		ManagedChannel[] pool = new ManagedChannel[channels];
		for (int i = 0; i < channels; i++) {
			pool[i] = NettyChannelBuilder.forTarget(a.value("--target", null),
					TlsChannelCredentials.newBuilder().trustManager(new File(a.value("--ca-file", null))).build()).build();
		}
		try {
			if (Boolean.parseBoolean(a.value("--probe", "false"))) {
				probe(pool[0], method, authorization, request);
			} else {
				load(pool, method, authorization, request, a.intValue("--seconds", 10), a.intValue("--in-flight", 32));
			}
		} finally {
			for (ManagedChannel c : pool) {
				c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

	private static void probe(ManagedChannel channel, MethodDescriptor<byte[], byte[]> method, String authorization, byte[] request)
			throws InterruptedException {
		Semaphore done = new Semaphore(0);
		Object[] result = new Object[4];
		call(channel, method, authorization, request, new Done() {
			@Override
			public void headers(Metadata headers) {
				result[2] = headers;
			}

			@Override
			public void answered(Status status, byte[] response, Metadata trailers) {
				result[0] = status;
				result[1] = response;
				result[3] = trailers;
				done.release();
			}
		});
		if (!done.tryAcquire(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no answer in 10 s");
		}
		Status s = (Status) result[0];
		Metadata headers = (Metadata) result[2];
		Metadata trailers = (Metadata) result[3];
		String requestId = first(headers, trailers, REQUEST_ID);
		System.out.println("status " + s.getCode() + " message " + (s.getDescription() == null ? "-" : s.getDescription().replace(' ', '_'))
				+ " response " + (result[1] == null ? "-" : ((byte[]) result[1]).length + ":" + GrpcWire.hex((byte[]) result[1])) + " headers " + shape(headers, requestId)
				+ " trailers " + shape(trailers, requestId));
	}

	private static String first(Metadata headers, Metadata trailers, Metadata.Key<String> key) {
		String v = headers == null ? null : headers.get(key);
		return v != null ? v : trailers == null ? null : trailers.get(key);
	}

	/**
	 * Metadata as one word: {@code key=value} pairs by key in alphabetical order, joined by {@code ;}; a {@code -bin} value in
	 * hex; {@code x-request-id} and {@code x-server-trace-id} by their form ({@code {uuid}}, {@code {trace}}, or
	 * {@code {bad:VALUE}}), and the request id inside a binary value as {@code {request-id}}; {@code -} for none.
	 * Metadata that grpc adds on its own on every call ({@code content-type}, {@code grpc-encoding},
	 * {@code grpc-accept-encoding}) is left out.
	 */
	static String shape(Metadata metadata, String requestId) {
		if (metadata == null || metadata.keys().isEmpty()) {
			return "-";
		}
		StringBuilder out = new StringBuilder();
		for (String key : new java.util.TreeSet<>(metadata.keys())) {
			if (key.equals("content-type") || key.equals("grpc-encoding") || key.equals("grpc-accept-encoding")) {
				continue;
			}
			if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				for (byte[] v : metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
					String hex = GrpcWire.hex(v);
					if (requestId != null) {
						hex = hex.replace(GrpcWire.hex(requestId.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "{request-id}");
					}
					out.append(out.length() == 0 ? "" : ";").append(key).append('=').append(hex);
				}
				continue;
			}
			for (String v : metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
				String shown = switch (key) {
					case "x-request-id" -> v.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}") ? "{uuid}" : "{bad:" + v + "}";
					case "x-server-trace-id" -> v.matches("[0-9a-f]{16}:[0-9a-f]{16}:[0-9a-f]{16}:1") ? "{trace}" : "{bad:" + v + "}";
					default -> v.replace(' ', '_');
				};
				out.append(out.length() == 0 ? "" : ";").append(key).append('=').append(shown);
			}
		}
		return out.length() == 0 ? "-" : out.toString();
	}

	private static void load(ManagedChannel[] pool, MethodDescriptor<byte[], byte[]> method, String authorization, byte[] request, int seconds,
			int inFlight) throws InterruptedException {
		Semaphore permits = new Semaphore(inFlight);
		LongAdder answered = new LongAdder();
		ConcurrentHashMap<Status.Code, LongAdder> statuses = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		int next = 0;
		while (System.nanoTime() < end) {
			if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				continue;
			}
			call(pool[next++ % pool.length], method, authorization, request, (status, response, trailers) -> {
				statuses.computeIfAbsent(status.getCode(), c -> new LongAdder()).increment();
				answered.increment();
				permits.release();
			});
		}
		permits.acquire(inFlight); // the calls in flight finish
		double elapsed = (System.nanoTime() - start) / 1e9;
		StringBuilder codes = new StringBuilder();
		statuses.forEach((code, n) -> codes.append(codes.length() == 0 ? "" : ",").append(code).append('=').append(n.sum()));
		System.out.printf("requests %d seconds %.2f rate %.0f statuses %s%n", answered.sum(), elapsed, answered.sum() / elapsed, codes);
	}

	private interface Done {
		/** The response headers (not called for a trailers-only answer). */
		default void headers(Metadata headers) {
		}

		void answered(Status status, byte[] response, Metadata trailers);
	}

	private static void call(ManagedChannel channel, MethodDescriptor<byte[], byte[]> method, String authorization, byte[] request, Done done) {
		ClientCall<byte[], byte[]> call = channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
		Metadata headers = new Metadata();
		if (!authorization.isEmpty()) {
			headers.put(AUTHORIZATION, authorization);
		}
		byte[][] response = new byte[1][];
		call.start(new ClientCall.Listener<>() {
			@Override
			public void onHeaders(Metadata headers) {
				done.headers(headers);
			}

			@Override
			public void onMessage(byte[] message) {
				response[0] = message;
			}

			@Override
			public void onClose(Status status, Metadata trailers) {
				done.answered(status, response[0], trailers);
			}
		}, headers);
		call.sendMessage(request);
		call.halfClose();
		call.request(1);
	}
}
