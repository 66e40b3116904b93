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
		return "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + requestId + "\"}";
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
