package dev.fakeyc.server.internal.answer;

import dev.fakeyc.server.internal.catalog.ErrorStyle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error bodies byte for byte, for an ASCII message and one that is not: both give the cloud's shapes of reference
 * §4.2; and a body made again from its kept frame is the body written out, with its own request id, in a new array.
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

	@Test
	void aRepeatedRefusalCarriesItsOwnRequestIdInEachStyle() {
		String message = "kept frame " + System.nanoTime(); // a message no other test of this JVM sends
		for (int round = 0; round < 3; round++) {
			String id = "0000000" + round + "-0000-4000-8000-000000000000";
			String info = REQUEST_INFO.replace("r-1", id);
			assertThat(text(ErrorBodies.body(ErrorStyle.STANDARD, 401, 16, message, id)))
					.isEqualTo("{\"code\":16,\"message\":\"" + message + "\",\"details\":[" + info + "]}");
			assertThat(text(ErrorBodies.body(ErrorStyle.STANDARD, 403, 7, message, id)))
					.isEqualTo("{\"code\":7,\"message\":\"" + message + "\",\"details\":[" + info + "]}");
			assertThat(text(ErrorBodies.body(ErrorStyle.AI, 401, 16, message, id)))
					.isEqualTo("{\"error\":{\"grpcCode\":16,\"httpCode\":401,\"message\":\"" + message + "\",\"httpStatus\":\"Unauthorized\","
							+ "\"details\":[" + info + "]}}");
			assertThat(text(ErrorBodies.body(ErrorStyle.PROMETHEUS, 401, 16, message, id)))
					.isEqualTo("{\"error\":\"cannot authenticate by either token or api-key, cause: UNAUTHENTICATED: " + message
							+ "\",\"errorType\":\"\",\"status\":\"error\"}");
			assertThat(text(ErrorBodies.body(ErrorStyle.SPEECHKIT_V1, 401, 16, message, id)))
					.isEqualTo("{\"error_code\":\"UNAUTHORIZED\",\"error_message\":\"rpc error: code = Unauthenticated desc = " + message + "\"}");
		}
	}

	@Test
	void everyBodyIsANewArray() {
		byte[] first = ErrorBodies.body(ErrorStyle.PROMETHEUS, 403, 7, "Permission denied", "r-1");
		byte[] copy = first.clone();
		java.util.Arrays.fill(first, (byte) 'x');
		assertThat(ErrorBodies.body(ErrorStyle.PROMETHEUS, 403, 7, "Permission denied", "r-1")).isEqualTo(copy).isNotSameAs(first);
		byte[] standard = ErrorBodies.body(ErrorStyle.STANDARD, 403, 7, "Permission denied", "r-1");
		assertThat(ErrorBodies.body(ErrorStyle.STANDARD, 403, 7, "Permission denied", "r-1")).isEqualTo(standard).isNotSameAs(standard);
	}

	@Test
	void aRequestIdThatIsNotAsciiIsWrittenAsUtf8() {
		assertThat(text(ErrorBodies.body(ErrorStyle.STANDARD, 401, 16, "IAM token or API key has to be passed in request", "запрос-1")))
				.isEqualTo("{\"code\":16,\"message\":\"IAM token or API key has to be passed in request\",\"details\":["
						+ REQUEST_INFO.replace("r-1", "запрос-1") + "]}");
	}

	@Test
	void manyDifferentMessagesStillGetTheirOwnBodies() {
		// more messages than are kept (a refusal that names each key's mask differs per key): each body is still right
		for (int i = 0; i < 600; i++) {
			String message = "Unknown api key 'AQVN" + i + "'";
			assertThat(text(ErrorBodies.body(ErrorStyle.STANDARD, 401, 16, message, "r-1")))
					.isEqualTo("{\"code\":16,\"message\":\"Unknown api key 'AQVN" + i + "'\",\"details\":[" + REQUEST_INFO + "]}");
		}
	}

	@Test
	void aLongMessageIsAnsweredWholeAndNotKept() {
		// a refusal that quotes a 60 KB folder id: the body carries it all, and the kept frames do not grow by it
		String message = "Permission to [resource-manager.folder b1g" + "a".repeat(60_000) + "] denied";

		String body = text(ErrorBodies.body(ErrorStyle.STANDARD, 403, 7, message, "r-1"));

		assertThat(body).isEqualTo("{\"code\":7,\"message\":\"" + message + "\",\"details\":[" + REQUEST_INFO + "]}");
		assertThat(ErrorBodies.keeps(message)).isFalse();
	}

	@Test
	void keptFramesStayWithinTheirByteBudgetWhateverTheMessages() {
		// 4,000 different messages just under the length that is kept, in every style: the budget empties the frames
		// (other tests may add a few frames at the same time: the bound allows for them)
		for (int i = 0; i < 4_000; i++) {
			String message = "Permission to [resource-manager.folder b1g" + i + "x".repeat(ErrorBodies.MAX_MESSAGE_CHARS - 60) + "] denied";
			for (ErrorStyle style : ErrorStyle.values()) {
				assertThat(text(ErrorBodies.body(style, 403, 7, message, "r-" + i))).contains("b1g" + i + "x");
			}
			assertThat(ErrorBodies.keptBytes()).isLessThanOrEqualTo(ErrorBodies.MAX_BYTES + 64 * 1024);
		}
	}

	private static String text(byte[] body) {
		return new String(body, StandardCharsets.UTF_8);
	}
}
