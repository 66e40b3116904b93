package dev.fakeyc.server.internal.answer;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids (version-4 UUIDs, as the cloud's) and {@code x-server-trace-id} values
 * ({@code hex16:hex16:hex16:1}). Drawn from {@link ThreadLocalRandom}: they need to be unique, not
 * secret, and {@link UUID#randomUUID()} would put a SecureRandom lock on every request.
 */
public final class RequestIds {
	private RequestIds() {
	}

	public static String requestId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
		long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb).toString();
	}

	public static String traceId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		String a = hex16(r.nextLong());
		return a + ":" + hex16(r.nextLong()) + ":" + a + ":1";
	}

	private static String hex16(long v) {
		String s = Long.toHexString(v);
		return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
	}
}
