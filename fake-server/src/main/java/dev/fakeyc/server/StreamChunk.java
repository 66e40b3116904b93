package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.util.Objects;

/**
 * One step of a {@link StreamScript}: a piece of the answer's text, a tool call, the finish reason, or the token usage.
 * Transport-neutral: the HTTP front renders each as OpenAI server-sent events or as Foundation Models' newline-delimited
 * JSON (a later gRPC front renders the same steps as server-streaming messages).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface StreamChunk {

	/**
	 * A piece of the answer's text, sent as it is: OpenAI's {@code delta.content} / {@code response.output_text.delta};
	 * Foundation Models sends the text so far, so there the pieces are joined.
	 *
	 * @param text the piece; may be empty, never null
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	record Text(String text) implements StreamChunk {
		/**
		 * Checks the text.
		 *
		 * @param text the piece; may be empty
		 * @throws NullPointerException for a null text
		 */
		public Text {
			Objects.requireNonNull(text, "text must not be null");
		}
	}

	/**
	 * A call of one of the request's tools (functions).
	 *
	 * @param id        the call id the client answers with, such as {@code call_1}
	 * @param name      the function name
	 * @param arguments the arguments as JSON object text, such as {@code {"city":"Moscow"}}
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	record ToolCall(String id, String name, String arguments) implements StreamChunk {
		/**
		 * Checks the call's parts.
		 *
		 * @param id        the call id, such as {@code call_1}
		 * @param name      the function name
		 * @param arguments the arguments as JSON object text
		 * @throws NullPointerException     if a part is null
		 * @throws IllegalArgumentException if {@code arguments} is not a JSON object
		 */
		public ToolCall {
			Objects.requireNonNull(id, "id must not be null");
			Objects.requireNonNull(name, "name must not be null");
			Objects.requireNonNull(arguments, "arguments must not be null");
			if (!isJsonObject(arguments)) {
				throw new IllegalArgumentException("tool call arguments must be a JSON object, like {\"city\":\"Moscow\"}, not " + arguments);
			}
		}

		private static boolean isJsonObject(String text) {
			try {
				com.fasterxml.jackson.databind.JsonNode node = dev.fakeyc.server.internal.answer.JsonBodies.mapper().readTree(text);
				return node != null && node.isObject();
			} catch (java.io.IOException e) {
				return false;
			}
		}
	}

	/**
	 * Why the answer ended, in OpenAI's terms: {@code stop}, {@code length}, {@code tool_calls} or
	 * {@code content_filter}; Foundation Models renders them as {@code ALTERNATIVE_STATUS_FINAL},
	 * {@code ALTERNATIVE_STATUS_TRUNCATED_FINAL}, {@code ALTERNATIVE_STATUS_TOOL_CALLS} and
	 * {@code ALTERNATIVE_STATUS_CONTENT_FILTER}.
	 *
	 * @param reason one of {@link #REASONS}
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	record Finish(String reason) implements StreamChunk {
		/** The finish reasons a script may use. */
		public static final java.util.Set<String> REASONS = java.util.Set.of("stop", "length", "tool_calls", "content_filter");

		/**
		 * Checks the reason.
		 *
		 * @param reason one of {@link #REASONS}
		 * @throws IllegalArgumentException for any other reason, with the list of allowed ones
		 */
		public Finish {
			if (!REASONS.contains(reason)) {
				throw new IllegalArgumentException("finish reason '" + reason + "' is not one of " + new java.util.TreeSet<>(REASONS));
			}
		}
	}

	/**
	 * Token counts, in tokens: OpenAI's {@code usage} chunk (sent only when the request asks with
	 * {@code stream_options.include_usage}), the Responses API's {@code response.completed} usage, Foundation
	 * Models' {@code usage} on every later line. The total is their sum.
	 *
	 * @param promptTokens     tokens of the request (Foundation Models' {@code inputTextTokens}), ≥ 0
	 * @param completionTokens tokens of the answer, ≥ 0
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	record Usage(int promptTokens, int completionTokens) implements StreamChunk {
		/**
		 * Checks the counts.
		 *
		 * @param promptTokens     tokens of the request, ≥ 0
		 * @param completionTokens tokens of the answer, ≥ 0
		 * @throws IllegalArgumentException for a negative count
		 */
		public Usage {
			if (promptTokens < 0 || completionTokens < 0) {
				throw new IllegalArgumentException("token counts must not be negative: " + promptTokens + ", " + completionTokens);
			}
		}

		/**
		 * The total, as OpenAI's {@code usage.total_tokens} and Foundation Models' {@code totalTokens} show it.
		 *
		 * @return {@code promptTokens + completionTokens}, in tokens
		 */
		public int totalTokens() {
			return promptTokens + completionTokens;
		}
	}
}
