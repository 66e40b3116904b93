package dev.fakeyc.server.internal.answer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.fakeyc.server.internal.catalog.ErrorStyle;

import java.nio.charset.StandardCharsets;

/** Writes a rejection in the service's error style (reference §4.2), as cheap string building. */
public final class ErrorBodies {
	private ErrorBodies() {
	}

	public static byte[] body(ErrorStyle style, int httpStatus, int grpcCode, String message, String requestId) {
		String m = escape(message);
		String json = switch (style) {
			case STANDARD -> "{\"code\":" + grpcCode + ",\"message\":\"" + m + "\",\"details\":[" + requestInfo(requestId) + "]}";
			case AI -> "{\"error\":{\"grpcCode\":" + grpcCode + ",\"httpCode\":" + httpStatus + ",\"message\":\"" + m
					+ "\",\"httpStatus\":\"" + reasonPhrase(httpStatus) + "\",\"details\":[" + requestInfo(requestId) + "]}}";
			case PROMETHEUS -> "{\"error\":\"" + escape(prometheusError(grpcCode, message)) + "\",\"errorType\":\"\",\"status\":\"error\"}";
		};
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static String requestInfo(String requestId) {
		return "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + requestId + "\"}";
	}

	/** Monitoring's Prometheus front wraps the gRPC status of the auth check (reference §4.2 c). */
	private static String prometheusError(int grpcCode, String message) {
		return switch (grpcCode) {
			case 16 -> "cannot authenticate by either token or api-key, cause: UNAUTHENTICATED: " + message;
			case 7 -> "PERMISSION_DENIED: " + message;
			case 3 -> "INVALID_ARGUMENT: " + message;
			default -> message;
		};
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
