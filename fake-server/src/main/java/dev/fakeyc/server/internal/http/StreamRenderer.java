package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.internal.answer.JsonBodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeyc.server.StreamChunk;
import dev.fakeyc.server.internal.answer.RequestIds;
import dev.fakeyc.server.internal.catalog.StreamFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Renders a stream script's chunks in a route's wire format, one chunk at a time: {@link #opening()} before the first
 * chunk, {@link #chunk(StreamChunk)} for each (empty bytes when the format sends nothing for it), {@link #closing()}
 * after the last one unless the stream breaks off. Stateful: one renderer per response.
 *
 * <p>Sources. OpenAI's streaming grammar is its published API reference ("Streaming" for Chat Completions: {@code data:}
 * lines holding {@code chat.completion.chunk} objects, the usage chunk with empty {@code choices} when
 * {@code stream_options.include_usage} is true, then {@code data: [DONE]}; the Responses API's typed events with
 * {@code event:} lines and {@code sequence_number}), which Yandex's OpenAI-compatible API serves (reference §9.5; the
 * ML SDK reads it with an SSE reader). Foundation Models' REST stream is newline-delimited JSON objects, each
 * {@code {"result":{"alternatives":[…],"usage":{…},"modelVersion":…}}} with the text generated so far and
 * {@code ALTERNATIVE_STATUS_PARTIAL}, the last one {@code ALTERNATIVE_STATUS_FINAL}: reference §9.5; the statuses and
 * fields are the completion API reference's (yandex-cloud/docs
 * {@code foundation-models/text-generation/api-ref/TextGeneration/completion.md}, which documents
 * {@code completionOptions.stream} but not the framing); the framing and the growing text are what public clients of the
 * REST stream parse: one object per line, each holding the text so far (for instance the Go OpenAI-to-YandexGPT proxy
 * azuresong-afk/ai_railway, {@code internal/providers} tests over a {@code stream.ndjson} fixture, which turn the growing
 * text into deltas). The ML SDK streams over gRPC (server streaming of the same {@code CompletionResponse}), which the
 * REST gateway maps to these lines.
 */
abstract class StreamRenderer {
	static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	static final byte[] NOTHING = new byte[0];

	/** What a renderer takes from the request and the clock. */
	record Context(String model, boolean includeUsage, long createdEpochSeconds) {
	}

	static StreamRenderer of(StreamFormat format, Context context) {
		return switch (format) {
			case OPENAI_CHAT -> new OpenAiChat(context);
			case OPENAI_COMPLETION -> new OpenAiCompletion(context);
			case OPENAI_RESPONSES -> new OpenAiResponses(context);
			case FOUNDATION_MODELS -> new FoundationModels(context);
		};
	}

	/** The response's Content-Type. */
	abstract String contentType();

	byte[] opening() {
		return NOTHING;
	}

	abstract byte[] chunk(StreamChunk chunk);

	byte[] closing() {
		return NOTHING;
	}

	static String json(ObjectNode node) {
		try {
			return JsonBodies.mapper().writeValueAsString(node);
		} catch (JsonProcessingException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ObjectNode parse(String json) {
		try {
			return (ObjectNode) JsonBodies.mapper().readTree(json);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** {@code data: JSON\n\n}, one server-sent event without a name. */
	static byte[] data(ObjectNode node) {
		return ("data: " + json(node) + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	/** {@code prefix} and 32 hex digits; from {@link RequestIds} (ThreadLocalRandom), not a SecureRandom per answer. */
	static String randomId(String prefix) {
		return prefix + RequestIds.requestId().replace("-", "");
	}

	// --- OpenAI Chat Completions and legacy Completions ---------------------

	/**
	 * The two OpenAI formats whose events are {@code data:} objects of one choice, with a usage event (empty
	 * {@code choices}) when {@code stream_options.include_usage} is true, ending with {@code data: [DONE]}.
	 */
	abstract static class OpenAiChoices extends StreamRenderer {
		private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

		final Context context;
		private final String id;
		private final String object;

		OpenAiChoices(Context context, String idPrefix, String object) {
			this.context = context;
			this.id = randomId(idPrefix);
			this.object = object;
		}

		@Override
		String contentType() {
			return "text/event-stream";
		}

		private ObjectNode envelope() {
			ObjectNode chunk = NODES.objectNode();
			chunk.put("id", id).put("object", object).put("created", context.createdEpochSeconds()).put("model", context.model());
			return chunk;
		}

		/**
		 * One event of one choice: {@code fields} writes the format's own leading fields into the choice, then come
		 * {@code logprobs} and {@code finish_reason} (null while the stream goes on).
		 */
		byte[] choice(Consumer<ObjectNode> fields, String finishReason) {
			ObjectNode chunk = envelope();
			ObjectNode choice = chunk.putArray("choices").addObject();
			fields.accept(choice);
			choice.putNull("logprobs");
			if (finishReason == null) {
				choice.putNull("finish_reason");
			} else {
				choice.put("finish_reason", finishReason);
			}
			if (context.includeUsage()) {
				chunk.putNull("usage");
			}
			return data(chunk);
		}

		/** The usage event, or nothing when the request did not ask for it. */
		byte[] usage(StreamChunk.Usage u) {
			if (!context.includeUsage()) {
				return NOTHING;
			}
			ObjectNode node = envelope();
			node.putArray("choices");
			node.putObject("usage").put("prompt_tokens", u.promptTokens()).put("completion_tokens", u.completionTokens())
					.put("total_tokens", u.totalTokens());
			return data(node);
		}

		@Override
		byte[] closing() {
			return DONE.clone();
		}
	}

	static final class OpenAiChat extends OpenAiChoices {
		private int toolCalls;

		OpenAiChat(Context context) {
			super(context, "chatcmpl-", "chat.completion.chunk");
		}

		private byte[] delta(ObjectNode delta, String finishReason) {
			return choice(c -> c.put("index", 0).set("delta", delta), finishReason);
		}

		@Override
		byte[] opening() {
			return delta(NODES.objectNode().put("role", "assistant").put("content", ""), null);
		}

		@Override
		byte[] chunk(StreamChunk chunk) {
			if (chunk instanceof StreamChunk.Text t) {
				return delta(NODES.objectNode().put("content", t.text()), null);
			}
			if (chunk instanceof StreamChunk.ToolCall call) {
				ObjectNode delta = NODES.objectNode();
				ObjectNode entry = delta.putArray("tool_calls").addObject();
				entry.put("index", toolCalls++).put("id", call.id()).put("type", "function");
				entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
				return delta(delta, null);
			}
			if (chunk instanceof StreamChunk.Finish f) {
				return delta(NODES.objectNode(), f.reason());
			}
			return usage((StreamChunk.Usage) chunk);
		}
	}

	static final class OpenAiCompletion extends OpenAiChoices {
		OpenAiCompletion(Context context) {
			super(context, "cmpl-", "text_completion");
		}

		private byte[] text(String text, String finishReason) {
			return choice(c -> c.put("text", text).put("index", 0), finishReason);
		}

		@Override
		byte[] chunk(StreamChunk chunk) {
			if (chunk instanceof StreamChunk.Text t) {
				return text(t.text(), null);
			}
			if (chunk instanceof StreamChunk.Finish f) {
				return text("", f.reason());
			}
			if (chunk instanceof StreamChunk.Usage u) {
				return usage(u);
			}
			return NOTHING; // the legacy API has no tool calls
		}
	}

	// --- OpenAI Responses API ------------------------------------------------

	static final class OpenAiResponses extends StreamRenderer {
		private final Context context;
		private final String id = randomId("resp_");
		private final List<ObjectNode> output = new ArrayList<>();
		private int sequence;
		private ObjectNode openMessage;
		private StringBuilder openText;
		private StreamChunk.Usage usage;
		private String finishReason = "stop";

		OpenAiResponses(Context context) {
			this.context = context;
		}

		@Override
		String contentType() {
			return "text/event-stream";
		}

		/** {@code event: TYPE\ndata: {"type":TYPE,"sequence_number":N,…}\n\n}. */
		private byte[] event(String type, ObjectNode fields) {
			ObjectNode node = NODES.objectNode();
			node.put("type", type).put("sequence_number", sequence++);
			node.setAll(fields);
			return ("event: " + type + "\ndata: " + json(node) + "\n\n").getBytes(StandardCharsets.UTF_8);
		}

		private ObjectNode response(String status) {
			ObjectNode r = NODES.objectNode();
			r.put("id", id).put("object", "response").put("created_at", context.createdEpochSeconds()).put("status", status);
			r.putNull("error");
			if (status.equals("incomplete")) {
				r.putObject("incomplete_details").put("reason", finishReason.equals("length") ? "max_output_tokens" : "content_filter");
			} else {
				r.putNull("incomplete_details");
			}
			r.putNull("instructions");
			r.putNull("max_output_tokens");
			r.put("model", context.model());
			ArrayNode items = r.putArray("output");
			if (!status.equals("in_progress")) {
				output.forEach(items::add);
			}
			r.put("parallel_tool_calls", true);
			r.putNull("previous_response_id");
			r.put("temperature", 1.0);
			r.put("tool_choice", "auto");
			r.putArray("tools");
			r.put("top_p", 1.0);
			r.putObject("metadata");
			if (usage == null || status.equals("in_progress")) {
				r.putNull("usage");
			} else {
				ObjectNode u = r.putObject("usage");
				u.put("input_tokens", usage.promptTokens());
				u.putObject("input_tokens_details").put("cached_tokens", 0);
				u.put("output_tokens", usage.completionTokens());
				u.putObject("output_tokens_details").put("reasoning_tokens", 0);
				u.put("total_tokens", usage.totalTokens());
			}
			return r;
		}

		@Override
		byte[] opening() {
			ObjectNode created = NODES.objectNode();
			created.set("response", response("in_progress"));
			ObjectNode inProgress = NODES.objectNode();
			inProgress.set("response", response("in_progress"));
			return concat(event("response.created", created), event("response.in_progress", inProgress));
		}

		@Override
		byte[] chunk(StreamChunk chunk) {
			if (chunk instanceof StreamChunk.Text t) {
				byte[] opened = openMessage == null ? openMessage() : NOTHING;
				openText.append(t.text());
				ObjectNode delta = NODES.objectNode();
				delta.put("item_id", openMessage.get("id").textValue()).put("output_index", output.size()).put("content_index", 0)
						.put("delta", t.text()).putArray("logprobs");
				return concat(opened, event("response.output_text.delta", delta));
			}
			if (chunk instanceof StreamChunk.ToolCall call) {
				byte[] closed = closeMessage();
				ObjectNode item = NODES.objectNode();
				item.put("id", randomId("fc_")).put("type", "function_call").put("status", "in_progress").put("arguments", "")
						.put("call_id", call.id()).put("name", call.name());
				int index = output.size();
				ObjectNode added = NODES.objectNode();
				added.put("output_index", index).set("item", item.deepCopy());
				ObjectNode delta = NODES.objectNode();
				delta.put("item_id", item.get("id").textValue()).put("output_index", index).put("delta", call.arguments());
				ObjectNode done = NODES.objectNode();
				done.put("item_id", item.get("id").textValue()).put("output_index", index).put("arguments", call.arguments());
				item.put("status", "completed").put("arguments", call.arguments());
				output.add(item);
				ObjectNode itemDone = NODES.objectNode();
				itemDone.put("output_index", index).set("item", item);
				return concat(closed, event("response.output_item.added", added), event("response.function_call_arguments.delta", delta),
						event("response.function_call_arguments.done", done), event("response.output_item.done", itemDone));
			}
			if (chunk instanceof StreamChunk.Finish f) {
				finishReason = f.reason();
				return closeMessage();
			}
			usage = (StreamChunk.Usage) chunk;
			return NOTHING; // carried by response.completed
		}

		private byte[] openMessage() {
			openMessage = NODES.objectNode();
			openMessage.put("id", randomId("msg_")).put("type", "message").put("status", "in_progress").put("role", "assistant").putArray("content");
			openText = new StringBuilder();
			ObjectNode added = NODES.objectNode();
			added.put("output_index", output.size()).set("item", openMessage.deepCopy());
			ObjectNode part = NODES.objectNode();
			part.put("item_id", openMessage.get("id").textValue()).put("output_index", output.size()).put("content_index", 0);
			part.putObject("part").put("type", "output_text").put("text", "").putArray("annotations");
			return concat(event("response.output_item.added", added), event("response.content_part.added", part));
		}

		private byte[] closeMessage() {
			if (openMessage == null) {
				return NOTHING;
			}
			String itemId = openMessage.get("id").textValue();
			int index = output.size();
			ObjectNode textDone = NODES.objectNode();
			textDone.put("item_id", itemId).put("output_index", index).put("content_index", 0).put("text", openText.toString()).putArray("logprobs");
			ObjectNode part = NODES.objectNode();
			part.put("type", "output_text").put("text", openText.toString()).putArray("annotations");
			ObjectNode partDone = NODES.objectNode();
			partDone.put("item_id", itemId).put("output_index", index).put("content_index", 0).set("part", part.deepCopy());
			openMessage.put("status", "completed");
			((ArrayNode) openMessage.get("content")).add(part);
			output.add(openMessage);
			ObjectNode itemDone = NODES.objectNode();
			itemDone.put("output_index", index).set("item", openMessage);
			openMessage = null;
			return concat(event("response.output_text.done", textDone), event("response.content_part.done", partDone),
					event("response.output_item.done", itemDone));
		}

		@Override
		byte[] closing() {
			byte[] closed = closeMessage();
			boolean complete = finishReason.equals("stop") || finishReason.equals("tool_calls");
			ObjectNode done = NODES.objectNode();
			done.set("response", response(complete ? "completed" : "incomplete"));
			return concat(closed, event(complete ? "response.completed" : "response.incomplete", done));
		}
	}

	// --- Foundation Models REST ----------------------------------------------

	static final class FoundationModels extends StreamRenderer {
		private final StringBuilder text = new StringBuilder();
		private final ArrayNode toolCalls = NODES.arrayNode();
		private StreamChunk.Usage usage = new StreamChunk.Usage(0, 0);

		FoundationModels(Context context) {
		}

		@Override
		String contentType() {
			return "application/json";
		}

		private byte[] line(String status) {
			ObjectNode root = NODES.objectNode();
			ObjectNode result = root.putObject("result");
			ObjectNode alternative = result.putArray("alternatives").addObject();
			ObjectNode message = alternative.putObject("message").put("role", "assistant");
			if (toolCalls.isEmpty()) {
				message.put("text", text.toString());
			} else {
				message.putObject("toolCallList").set("toolCalls", toolCalls.deepCopy());
			}
			alternative.put("status", status);
			result.putObject("usage").put("inputTextTokens", Integer.toString(usage.promptTokens()))
					.put("completionTokens", Integer.toString(usage.completionTokens())).put("totalTokens", Integer.toString(usage.totalTokens()));
			result.put("modelVersion", "fakeyc");
			return (json(root) + "\n").getBytes(StandardCharsets.UTF_8);
		}

		@Override
		byte[] chunk(StreamChunk chunk) {
			if (chunk instanceof StreamChunk.Text t) {
				text.append(t.text());
				return line("ALTERNATIVE_STATUS_PARTIAL");
			}
			if (chunk instanceof StreamChunk.ToolCall call) {
				ObjectNode functionCall = toolCalls.addObject().putObject("functionCall");
				functionCall.put("name", call.name()).set("arguments", parse(call.arguments()));
				return line("ALTERNATIVE_STATUS_PARTIAL");
			}
			if (chunk instanceof StreamChunk.Finish f) {
				return line(switch (f.reason()) {
					case "length" -> "ALTERNATIVE_STATUS_TRUNCATED_FINAL";
					case "tool_calls" -> "ALTERNATIVE_STATUS_TOOL_CALLS";
					case "content_filter" -> "ALTERNATIVE_STATUS_CONTENT_FILTER";
					default -> "ALTERNATIVE_STATUS_FINAL";
				});
			}
			usage = (StreamChunk.Usage) chunk;
			return NOTHING; // carried by the lines after it
		}
	}

	static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] p : parts) {
			length += p.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] p : parts) {
			System.arraycopy(p, 0, all, at, p.length);
			at += p.length;
		}
		return all;
	}
}
