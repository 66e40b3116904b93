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
 * @param grpcMethod the server-streaming gRPC method ({@code pkg.Service/Method}) that streams the same script on the
 *                   gRPC front, always (a gRPC method streams or not by its definition), or empty for none
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record StreamSpec(StreamFormat format, String when, StreamScript script, String grpcMethod) {
	/** Checks every part. */
	public StreamSpec {
		Objects.requireNonNull(format);
		Objects.requireNonNull(when);
		Objects.requireNonNull(script);
		Objects.requireNonNull(grpcMethod);
	}

	/** A stream spec no gRPC method streams. */
	public StreamSpec(StreamFormat format, String when, StreamScript script) {
		this(format, when, script, "");
	}
}
