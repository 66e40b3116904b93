package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import dev.fakeyc.server.StreamScript;

import java.util.Objects;

/**
 * How a route streams: in which format, when (a boolean request body field such as {@code stream} or
 * {@code completionOptions.stream} is true), and what it streams when no test scripted otherwise.
 *
 * @param format the wire format
 * @param when   the dotted path of the body field that asks for a stream
 * @param script the default script
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record StreamSpec(StreamFormat format, String when, StreamScript script) {
	public StreamSpec {
		Objects.requireNonNull(format);
		Objects.requireNonNull(when);
		Objects.requireNonNull(script);
	}
}
