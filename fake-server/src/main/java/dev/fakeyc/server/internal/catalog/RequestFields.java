package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/**
 * A request's values as the catalog's field references read them: the {@code header:}, {@code query:}, {@code body:}
 * and {@code uri:} folder sources, a refusal's {@code when}, a stream's {@code when} and a response template's
 * {@code body:} and {@code count:} placeholders. A transport implements it over its own request (HTTP: headers,
 * query string, a JSON or form body; gRPC: metadata and the request message as JSON), so the decision and answer
 * stages read fields without knowing the transport.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface RequestFields {
	/**
	 * A header's (gRPC: metadata entry's) first value.
	 *
	 * @param name the name in lower case
	 * @return the value, or null when absent
	 */
	String header(String name);

	/**
	 * A query parameter's first value.
	 *
	 * @param name the parameter
	 * @return the value, or null when absent (gRPC has none)
	 */
	String query(String name);

	/**
	 * A string field of a protobuf request message, by field number (the {@code field:} folder source).
	 *
	 * @param path field numbers joined by dots, such as {@code 1} or {@code 2.1}
	 * @return the string, or null when absent (HTTP has no protobuf message: always null)
	 */
	default String field(String path) {
		return null;
	}

	/**
	 * A string field of the body.
	 *
	 * @param path a field name, or a dotted path into nested JSON objects ({@code completionOptions.stream})
	 * @return the string, or empty when absent or not a string
	 */
	String text(String path);

	/**
	 * Whether a boolean field of the body is {@code true} (a form field: the text {@code true}).
	 *
	 * @param path a field name or dotted path
	 * @return true only for a present {@code true}
	 */
	boolean flag(String path);

	/**
	 * The length of an array field of the body.
	 *
	 * @param path a field name or dotted path
	 * @return its length, or 0 when absent or not an array
	 */
	int count(String path);
}
