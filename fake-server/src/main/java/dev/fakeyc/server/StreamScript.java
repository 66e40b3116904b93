package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a streamed answer sends: its {@link StreamChunk chunks} in order, the pause before each chunk after the first,
 * and optionally the point where the connection breaks off. Immutable, transport-neutral data: the HTTP front renders it
 * in the route's own format (OpenAI server-sent events ending with {@code data: [DONE]}, the Responses API's typed
 * events, Foundation Models' newline-delimited JSON).
 *
 * <pre>{@code
 * cloud.stubStream("POST", "/v1/chat/completions", StreamScript.builder()
 *         .text("Hel").text("lo")
 *         .finish("stop")
 *         .usage(8, 2)
 *         .pause(Duration.ofMillis(20))
 *         .breakOffAfter(1)   // the client sees "Hel", then the connection closes: no finish, no [DONE]
 *         .build());
 * }</pre>
 *
 * @param chunks        the chunks, in order
 * @param pause         the wall-clock pause before each chunk after the first (not the {@link FakeClock}); zero for none.
 *                      A break-off after at least one chunk comes after the same pause, where the next chunk would have
 *                      come: a client then reads every chunk sent before it sees the connection end (some clients, e.g.
 *                      the JDK's {@code HttpClient} body streams, may report an end that arrives with the last chunk
 *                      before that chunk)
 * @param breakOffAfter how many chunks are sent before the connection is closed without the stream's proper end;
 *                      {@link #NEVER} for a stream that ends normally
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StreamScript(List<StreamChunk> chunks, Duration pause, int breakOffAfter) {
	/** {@link #breakOffAfter()} of a stream that ends normally. */
	public static final int NEVER = -1;

	/**
	 * Checks the script; the chunks are copied.
	 *
	 * @param chunks        the chunks, in order
	 * @param pause         the wall-clock pause before each chunk after the first, 0 to 1 minute
	 * @param breakOffAfter {@link #NEVER}, or how many chunks are sent (0 to the number of chunks) before the connection
	 *                      is closed without the stream's proper end
	 * @throws NullPointerException     for null chunks or pause
	 * @throws IllegalArgumentException if the pause is negative or over a minute, or {@code breakOffAfter} is neither
	 *                                  {@link #NEVER} nor between 0 and the number of chunks
	 */
	public StreamScript {
		chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks must not be null"));
		Objects.requireNonNull(pause, "pause must not be null");
		if (pause.isNegative() || pause.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("pause must be between 0 and 1 minute, not " + pause);
		}
		if (breakOffAfter != NEVER && (breakOffAfter < 0 || breakOffAfter > chunks.size())) {
			throw new IllegalArgumentException("breakOffAfter must be between 0 and the number of chunks (" + chunks.size()
					+ "), or StreamScript.NEVER, not " + breakOffAfter);
		}
	}

	/**
	 * Whether the connection is closed before the stream's proper end.
	 *
	 * @return true unless {@link #breakOffAfter()} is {@link #NEVER}
	 */
	public boolean breaksOff() {
		return breakOffAfter != NEVER;
	}

	/**
	 * A new builder: no chunks, no pause, no break-off.
	 *
	 * @return a builder; not thread-safe
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds a {@link StreamScript}; chunks are kept in the order added. */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public static final class Builder {
		private final List<StreamChunk> chunks = new ArrayList<>();
		private Duration pause = Duration.ZERO;
		private int breakOffAfter = NEVER;

		private Builder() {
		}

		/**
		 * Adds a piece of text; see {@link StreamChunk.Text}.
		 *
		 * @param piece the text; may be empty
		 * @return this builder
		 * @throws NullPointerException for a null piece
		 */
		public Builder text(String piece) {
			return chunk(new StreamChunk.Text(piece));
		}

		/**
		 * Adds a tool call; see {@link StreamChunk.ToolCall}.
		 *
		 * @param id            the call id, such as {@code call_1}
		 * @param name          the function name
		 * @param argumentsJson the arguments as JSON object text, such as {@code {"city":"Moscow"}}
		 * @return this builder
		 * @throws NullPointerException     if a part is null
		 * @throws IllegalArgumentException if {@code argumentsJson} is not a JSON object
		 */
		public Builder toolCall(String id, String name, String argumentsJson) {
			return chunk(new StreamChunk.ToolCall(id, name, argumentsJson));
		}

		/**
		 * Adds the finish reason; see {@link StreamChunk.Finish}.
		 *
		 * @param reason {@code stop}, {@code length}, {@code tool_calls} or {@code content_filter}
		 * @return this builder
		 * @throws IllegalArgumentException if the reason is not one of {@link StreamChunk.Finish#REASONS}
		 */
		public Builder finish(String reason) {
			return chunk(new StreamChunk.Finish(reason));
		}

		/**
		 * Adds token usage; see {@link StreamChunk.Usage}.
		 *
		 * @param promptTokens     tokens of the request, ≥ 0
		 * @param completionTokens tokens of the answer, ≥ 0
		 * @return this builder
		 * @throws IllegalArgumentException for a negative count
		 */
		public Builder usage(int promptTokens, int completionTokens) {
			return chunk(new StreamChunk.Usage(promptTokens, completionTokens));
		}

		/**
		 * Adds any chunk.
		 *
		 * @param chunk the chunk
		 * @return this builder
		 * @throws NullPointerException for a null chunk
		 */
		public Builder chunk(StreamChunk chunk) {
			chunks.add(Objects.requireNonNull(chunk, "chunk must not be null"));
			return this;
		}

		/**
		 * The wall-clock pause before each chunk after the first (not the {@link FakeClock}); checked by {@link #build()}.
		 *
		 * @param pause 0 to 1 minute
		 * @return this builder
		 * @throws NullPointerException for a null pause
		 */
		public Builder pause(Duration pause) {
			this.pause = Objects.requireNonNull(pause, "pause must not be null");
			return this;
		}

		/**
		 * Closes the connection after this many chunks, before the stream's proper end ({@code [DONE]}, the final line);
		 * checked by {@link #build()}.
		 *
		 * @param chunks 0 to the number of chunks, or {@link StreamScript#NEVER}
		 * @return this builder
		 */
		public Builder breakOffAfter(int chunks) {
			this.breakOffAfter = chunks;
			return this;
		}

		/**
		 * Builds the script.
		 *
		 * @return a new script with the chunks added so far
		 * @throws IllegalArgumentException as {@link StreamScript#StreamScript(List, Duration, int)}
		 */
		public StreamScript build() {
			return new StreamScript(chunks, pause, breakOffAfter);
		}
	}
}
