package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids (version-4 UUIDs, as the cloud's) and {@code x-server-trace-id} values
 * ({@code hex16:hex16:hex16:1}). Drawn from {@link ThreadLocalRandom}: they need to be unique, not
 * secret, and {@link UUID#randomUUID()} would put a SecureRandom lock on every request.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class RequestIds {
	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
	private static final byte[] ID_BYTES = "abcdefghijklmnopqrstuv0123456789".getBytes(StandardCharsets.ISO_8859_1);
	private static final byte[] FIRST = "defg".getBytes(StandardCharsets.ISO_8859_1);

	private RequestIds() {
	}

	/**
	 * A request id as the cloud sends in {@code x-request-id}: a version-4 UUID in its 36-character form.
	 *
	 * @return a new id
	 */
	public static String requestId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
		long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb).toString();
	}

	/**
	 * An {@code x-server-trace-id} value as the cloud sends it: {@code a:b:a:1}, {@code a} and {@code b} 16 random
	 * lower-case hex digits each (52 characters).
	 *
	 * @return a new value
	 */
	public static String traceId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		long a = r.nextLong();
		long b = r.nextLong();
		// Latin-1 bytes, the String's own compact form: one 52-byte array copied once, not a 104-byte char array compressed
		byte[] out = new byte[52];
		hex16(a, out, 0);
		out[16] = ':';
		hex16(b, out, 17);
		out[33] = ':';
		System.arraycopy(out, 0, out, 34, 16); // the third part repeats the first
		out[50] = ':';
		out[51] = '1';
		return new String(out, StandardCharsets.ISO_8859_1);
	}

	/** Sixteen lower-case hex digits, zero-padded, written in place: one array per trace id, not six strings. */
	private static void hex16(long v, byte[] out, int at) {
		for (int i = 15; i >= 0; i--) {
			out[at + i] = HEX[(int) (v & 0xF)];
			v >>>= 4;
		}
	}

	/**
	 * An operation or execution id: 20 characters of the cloud's id alphabet, the first one of {@code d e f g}.
	 *
	 * @return a new id
	 */
	public static String operationId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		// 2 random bits for the first character, 5 for each of the other 19: two longs, not twenty calls
		long bits = r.nextLong();
		long more = r.nextLong();
		byte[] id = new byte[20];
		id[0] = FIRST[(int) (bits & 3)];
		bits >>>= 2;
		for (int i = 1; i < id.length; i++) {
			if (i == 13) { // 62 bits give 12 characters; the rest come from the second long
				bits = more;
			}
			id[i] = ID_BYTES[(int) (bits & 31)];
			bits >>>= 5;
		}
		return new String(id, StandardCharsets.ISO_8859_1);
	}
}
