package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.fakeyc.server.internal.catalog.ErrorStyle;

import java.nio.charset.StandardCharsets;

/** Writes a rejection in the service's error style (reference §4.2), as cheap string building. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ErrorBodies {
	private ErrorBodies() {
	}

	/**
	 * The error body of a refusal in the given style.
	 *
	 * @param httpStatus the HTTP status sent
	 * @param grpcCode   the gRPC code of the refusal (16 for 401, 3 for 400, 7 for 403…)
	 * @param message    the cloud's message
	 * @param requestId  the request id, also sent as {@code x-request-id}
	 * @return UTF-8 JSON
	 */
	public static byte[] body(ErrorStyle style, int httpStatus, int grpcCode, String message, String requestId) {
		String m = escape(message);
		if ((style == ErrorStyle.STANDARD || style == ErrorStyle.AI) && grpcCode >= 0 && httpStatus >= 0 && isAscii(m) && isAscii(requestId)) {
			return asciiBody(style, httpStatus, grpcCode, m, requestId);
		}
		String json = switch (style) {
			case STANDARD -> "{\"code\":" + grpcCode + ",\"message\":\"" + m + "\",\"details\":[" + requestInfo(requestId) + "]}";
			case AI -> "{\"error\":{\"grpcCode\":" + grpcCode + ",\"httpCode\":" + httpStatus + ",\"message\":\"" + m
					+ "\",\"httpStatus\":\"" + reasonPhrase(httpStatus) + "\",\"details\":[" + requestInfo(requestId) + "]}}";
			case PROMETHEUS -> "{\"error\":\"" + escape(prometheusError(grpcCode, message)) + "\",\"errorType\":\"\",\"status\":\"error\"}";
			case SPEECHKIT_V1 -> "{\"error_code\":\"" + reasonPhrase(httpStatus).toUpperCase(java.util.Locale.ROOT).replace(' ', '_')
					+ "\",\"error_message\":\"" + escape("rpc error: code = " + grpcCodeName(grpcCode) + " desc = " + message) + "\"}";
		};
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static String requestInfo(String requestId) {
		return REQUEST_INFO_HEAD + requestId + REQUEST_INFO_TAIL;
	}

	private static final String REQUEST_INFO_HEAD = "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"";
	private static final String REQUEST_INFO_TAIL = "\"}";
	private static final String STANDARD_CODE = "{\"code\":";
	private static final String STANDARD_MESSAGE = ",\"message\":\"";
	private static final String STANDARD_DETAILS = "\",\"details\":[" + REQUEST_INFO_HEAD;
	private static final String STANDARD_END = REQUEST_INFO_TAIL + "]}";
	private static final String AI_CODE = "{\"error\":{\"grpcCode\":";
	private static final String AI_HTTP_CODE = ",\"httpCode\":";
	private static final String AI_HTTP_STATUS = "\",\"httpStatus\":\"";
	private static final String AI_END = REQUEST_INFO_TAIL + "]}}";

	/**
	 * The same bytes as the string form of {@link #body} for the two common styles when every part is ASCII (the
	 * cloud's messages and the request ids are): written straight into one array of the exact length, without the
	 * intermediate strings (a refusal's body was among the request path's largest allocations, round 4's JFR).
	 */
	private static byte[] asciiBody(ErrorStyle style, int httpStatus, int grpcCode, String m, String requestId) {
		if (style == ErrorStyle.STANDARD) {
			return new AsciiWriter(STANDARD_CODE.length() + digits(grpcCode) + STANDARD_MESSAGE.length() + m.length() + STANDARD_DETAILS.length()
					+ requestId.length() + STANDARD_END.length())
					.text(STANDARD_CODE).number(grpcCode).text(STANDARD_MESSAGE).text(m).text(STANDARD_DETAILS).text(requestId).text(STANDARD_END)
					.bytes();
		}
		String phrase = reasonPhrase(httpStatus);
		return new AsciiWriter(AI_CODE.length() + digits(grpcCode) + AI_HTTP_CODE.length() + digits(httpStatus) + STANDARD_MESSAGE.length()
				+ m.length() + AI_HTTP_STATUS.length() + phrase.length() + STANDARD_DETAILS.length() + requestId.length() + AI_END.length())
				.text(AI_CODE).number(grpcCode).text(AI_HTTP_CODE).number(httpStatus).text(STANDARD_MESSAGE).text(m).text(AI_HTTP_STATUS)
				.text(phrase).text(STANDARD_DETAILS).text(requestId).text(AI_END).bytes();
	}

	private static boolean isAscii(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** How many decimal digits a number of 0 or more has. */
	private static int digits(int n) {
		int d = 1;
		for (int v = n; v >= 10; v /= 10) {
			d++;
		}
		return d;
	}

	/** ASCII text and numbers of 0 or more, written into an array of a length counted beforehand. */
	private static final class AsciiWriter {
		private final byte[] out;
		private int at;

		AsciiWriter(int length) {
			out = new byte[length];
		}

		AsciiWriter text(String s) {
			for (int i = 0; i < s.length(); i++) {
				out[at++] = (byte) s.charAt(i);
			}
			return this;
		}

		AsciiWriter number(int n) {
			int end = at + digits(n);
			for (int i = end - 1, v = n; i >= at; i--, v /= 10) {
				out[i] = (byte) ('0' + v % 10);
			}
			at = end;
			return this;
		}

		byte[] bytes() {
			if (at != out.length) {
				throw new IllegalStateException("counted " + out.length + " bytes, wrote " + at);
			}
			return out;
		}
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
