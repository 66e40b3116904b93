package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.fakeyc.server.internal.catalog.ErrorStyle;

import java.nio.charset.StandardCharsets;

/** Writes a rejection in the service's error style (reference §4.2): made once per style, status, code and message. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ErrorBodies {
	private ErrorBodies() {
	}

	/**
	 * The error body of a refusal in the given style.
	 *
	 * <p>The body is the same bytes for the same style, status, code and message but for the request id: those bytes
	 * are made once and kept (for at most 256 messages of at most 512 characters, 8 forms each, and about 256 KiB in all), and
	 * each body is a copy with its request id written in.
	 *
	 * @param httpStatus the HTTP status sent
	 * @param grpcCode   the gRPC code of the refusal (16 for 401, 3 for 400, 7 for 403…)
	 * @param message    the cloud's message
	 * @param requestId  the request id, also sent as {@code x-request-id}
	 * @return UTF-8 JSON, a new array the caller may keep
	 */
	public static byte[] body(ErrorStyle style, int httpStatus, int grpcCode, String message, String requestId) {
		if (!isAscii(requestId) || message.length() > MAX_MESSAGE_CHARS) {
			// a message that quotes at length what a client sent (a folder id from a 60 KB header) is made each time, never kept
			return render(style, httpStatus, grpcCode, message, requestId);
		}
		Frame frame = Frame.find(FRAMES.get(message), style, httpStatus, grpcCode);
		if (frame == null) {
			if (FRAMES.size() >= MAX_FRAMES || BYTES.get() > MAX_BYTES) {
				// messages that name a credential's mask or a folder differ per request: start over rather than grow
				FRAMES.clear();
				BYTES.set(0);
			}
			// a frame made at the same time by another thread may be lost here: it is made again on its next use
			Frame first = FRAMES.get(message);
			frame = Frame.of(style, httpStatus, grpcCode, message, first != null && first.depth < MAX_FRAMES_PER_MESSAGE ? first : null);
			FRAMES.put(message, frame);
			BYTES.addAndGet(frame.head.length + frame.tail.length + 2L * message.length());
		}
		return frame.with(requestId);
	}

	/** The longest message whose frames are kept, in characters; the cloud's own messages are a few dozen. */
	static final int MAX_MESSAGE_CHARS = 512;
	/**
	 * About the most bytes the kept frames and their messages may hold together: past it, the next new frame empties
	 * {@link #FRAMES} first (as the message count does). A budget, not an exact count: under races it is off by a few
	 * frames, never by more.
	 */
	static final long MAX_BYTES = 256 * 1024;
	/** The bytes of the frames kept since {@link #FRAMES} was last emptied, as counted when each was put. */
	private static final java.util.concurrent.atomic.AtomicLong BYTES = new java.util.concurrent.atomic.AtomicLong();

	/** The bytes {@link #MAX_BYTES} is held against, for tests. */
	static long keptBytes() {
		return BYTES.get();
	}

	/** Whether frames are kept for {@code message}, for tests. */
	static boolean keeps(String message) {
		return FRAMES.containsKey(message);
	}

	/** The most messages {@link #FRAMES} keeps frames for. */
	private static final int MAX_FRAMES = 256;
	/** The most frames kept for one message (past it, the list starts again from the newest). */
	private static final int MAX_FRAMES_PER_MESSAGE = 8;
	/**
	 * The bodies made so far, by message: each message's frames for the styles, statuses and codes it was sent with, a
	 * list that is replaced whole, never changed. Bounded by {@link #MAX_FRAMES} messages (emptied when full). Every
	 * frame is immutable and a pure function of what it was made for, so a reader sees a right one whoever put it.
	 */
	private static final java.util.concurrent.ConcurrentHashMap<String, Frame> FRAMES = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * A refusal's body for one style, status, code and message, cut where its request id goes: the bytes before it and
	 * after it (a style whose body names no request id has them all in {@code head}), and the frame made before it for
	 * the same message (or null), and how many frames the list holds from this one on. Never written after it is made.
	 */
	private record Frame(ErrorStyle style, int httpStatus, int grpcCode, byte[] head, byte[] tail, Frame next, int depth) {
		/** The frame for this style, status and code in the list that starts at {@code first}, or null. */
		static Frame find(Frame first, ErrorStyle style, int httpStatus, int grpcCode) {
			for (Frame f = first; f != null; f = f.next) {
				if (f.style == style && f.httpStatus == httpStatus && f.grpcCode == grpcCode) {
					return f;
				}
			}
			return null;
		}

		/** The body rendered with an empty request id, cut where the id goes, in front of {@code next}. */
		static Frame of(ErrorStyle style, int httpStatus, int grpcCode, String message, Frame next) {
			byte[] whole = render(style, httpStatus, grpcCode, message, "");
			int after = switch (style) {
				case STANDARD -> STANDARD_END.length();
				case AI -> AI_END.length();
				case PROMETHEUS, SPEECHKIT_V1 -> 0; // no request id in the body
			};
			int cut = whole.length - after;
			return new Frame(style, httpStatus, grpcCode, java.util.Arrays.copyOf(whole, cut), java.util.Arrays.copyOfRange(whole, cut, whole.length),
					next, next == null ? 1 : next.depth + 1);
		}

		/** The body of one request: the head, the request id (ASCII, as every id is), the tail, in a new array. */
		byte[] with(String requestId) {
			if (tail.length == 0) {
				return head.clone();
			}
			int at = head.length;
			int n = requestId.length();
			byte[] out = new byte[at + n + tail.length];
			System.arraycopy(head, 0, out, 0, at);
			for (int i = 0; i < n; i++) {
				out[at + i] = (byte) requestId.charAt(i);
			}
			System.arraycopy(tail, 0, out, at + n, tail.length);
			return out;
		}
	}

	/**
	 * The body written out in full: what {@link #body} returns, for any request id. A StringBuilder rather than {@code +}
	 * chains: this runs for a message's first refusal, so for a cold start's first answer too, and a chain's first call
	 * spins method-handle classes while that answer waits.
	 */
	private static byte[] render(ErrorStyle style, int httpStatus, int grpcCode, String message, String requestId) {
		String m = escape(message);
		StringBuilder b = new StringBuilder(160 + m.length());
		StringBuilder json = switch (style) {
			case STANDARD -> requestInfo(b.append("{\"code\":").append(grpcCode).append(",\"message\":\"").append(m).append("\",\"details\":["), requestId)
					.append("]}");
			case AI -> requestInfo(b.append("{\"error\":{\"grpcCode\":").append(grpcCode).append(",\"httpCode\":").append(httpStatus).append(",\"message\":\"")
					.append(m).append("\",\"httpStatus\":\"").append(reasonPhrase(httpStatus)).append("\",\"details\":["), requestId).append("]}}");
			case PROMETHEUS -> b.append("{\"error\":\"").append(escape(prometheusError(grpcCode, message))).append("\",\"errorType\":\"\",\"status\":\"error\"}");
			case SPEECHKIT_V1 -> b.append("{\"error_code\":\"").append(reasonPhrase(httpStatus).toUpperCase(java.util.Locale.ROOT).replace(' ', '_'))
					.append("\",\"error_message\":\"").append(escape("rpc error: code = " + grpcCodeName(grpcCode) + " desc = " + message)).append("\"}");
		};
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static StringBuilder requestInfo(StringBuilder json, String requestId) {
		return json.append(REQUEST_INFO_HEAD).append(requestId).append(REQUEST_INFO_TAIL);
	}

	private static final String REQUEST_INFO_HEAD = "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"";
	private static final String REQUEST_INFO_TAIL = "\"}";
	/** What follows the request id in the standard style's body. */
	private static final String STANDARD_END = REQUEST_INFO_TAIL + "]}";
	/** What follows the request id in the AI style's body. */
	private static final String AI_END = REQUEST_INFO_TAIL + "]}}";

	private static boolean isAscii(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** Monitoring's Prometheus front wraps the gRPC status of the auth check (reference §4.2 c). */
	private static String prometheusError(int grpcCode, String message) {
		if (!GrpcStatus.isCode(grpcCode)) {
			return message;
		}
		return switch (GrpcStatus.of(grpcCode)) {
			case UNAUTHENTICATED -> "cannot authenticate by either token or api-key, cause: UNAUTHENTICATED: " + message;
			case PERMISSION_DENIED, INVALID_ARGUMENT -> GrpcStatus.of(grpcCode).name() + ": " + message;
			default -> message;
		};
	}

	/**
	 * A gRPC status code's name as Go's {@code codes.Code.String()} writes it, which is what {@code rpc error: code = …}
	 * shows (SpeechKit v1, reference §9.1).
	 */
	static String grpcCodeName(int code) {
		return GrpcStatus.isCode(code) ? GrpcStatus.of(code).goName() : "Code(" + code + ")";
	}

	public static String reasonPhrase(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 408 -> "Request Timeout";
			case 413 -> "Payload Too Large";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 503 -> "Service Unavailable";
			default -> "Error";
		};
	}

	private static String escape(String s) {
		return needsEscape(s) ? new String(JsonStringEncoder.getInstance().quoteAsString(s)) : s;
	}

	/** What Jackson's encoder would change: quotes, backslashes, control characters. The cloud's messages rarely hold any. */
	private static boolean needsEscape(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\') {
				return true;
			}
		}
		return false;
	}
}
