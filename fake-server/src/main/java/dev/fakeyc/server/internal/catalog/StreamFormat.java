package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/** The wire format a route streams in; the HTTP front renders a stream script in it. */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum StreamFormat {
	/** OpenAI {@code chat.completion.chunk} server-sent events, ending with {@code data: [DONE]}. */
	OPENAI_CHAT,
	/** OpenAI legacy {@code text_completion} server-sent events, ending with {@code data: [DONE]}. */
	OPENAI_COMPLETION,
	/** OpenAI Responses API typed events ({@code event: response.created} … {@code event: response.completed}). */
	OPENAI_RESPONSES,
	/** Foundation Models REST: one JSON object per line, the text so far in each, the last one final. */
	FOUNDATION_MODELS
}
