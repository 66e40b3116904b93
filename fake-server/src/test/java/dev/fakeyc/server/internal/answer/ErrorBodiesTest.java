package dev.fakeyc.server.internal.answer;

import dev.fakeyc.server.internal.catalog.ErrorStyle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error bodies byte for byte, for an ASCII message (written straight into bytes) and one that is not (built as a
 * string): both ways give the cloud's shapes of reference §4.2.
 */
class ErrorBodiesTest {
	private static final String REQUEST_INFO = "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"r-1\"}";

	@Test
	void standardStyleIsTheSameForAsciiAndOtherMessages() {
		assertThat(text(ErrorBodies.body(ErrorStyle.STANDARD, 401, 16, "IAM token or API key has to be passed in request", "r-1")))
				.isEqualTo("{\"code\":16,\"message\":\"IAM token or API key has to be passed in request\",\"details\":[" + REQUEST_INFO + "]}");
		assertThat(text(ErrorBodies.body(ErrorStyle.STANDARD, 403, 7, "Доступ \"запрещён\"", "r-1")))
				.isEqualTo("{\"code\":7,\"message\":\"Доступ \\\"запрещён\\\"\",\"details\":[" + REQUEST_INFO + "]}");
	}

	@Test
	void aiStyleIsTheSameForAsciiAndOtherMessages() {
		assertThat(text(ErrorBodies.body(ErrorStyle.AI, 400, 3, "a \"quoted\" word", "r-1")))
				.isEqualTo("{\"error\":{\"grpcCode\":3,\"httpCode\":400,\"message\":\"a \\\"quoted\\\" word\",\"httpStatus\":\"Bad Request\","
						+ "\"details\":[" + REQUEST_INFO + "]}}");
		assertThat(text(ErrorBodies.body(ErrorStyle.AI, 429, 8, "слишком много", "r-1")))
				.isEqualTo("{\"error\":{\"grpcCode\":8,\"httpCode\":429,\"message\":\"слишком много\",\"httpStatus\":\"Too Many Requests\","
						+ "\"details\":[" + REQUEST_INFO + "]}}");
	}

	@Test
	void numbersOfSeveralDigitsAndZeroAreWrittenWhole() {
		assertThat(text(ErrorBodies.body(ErrorStyle.AI, 1234, 0, "m", "r-1")))
				.startsWith("{\"error\":{\"grpcCode\":0,\"httpCode\":1234,\"message\":\"m\",\"httpStatus\":\"Error\"");
	}

	private static String text(byte[] body) {
		return new String(body, StandardCharsets.UTF_8);
	}
}
