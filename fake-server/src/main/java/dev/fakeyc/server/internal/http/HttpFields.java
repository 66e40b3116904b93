package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.internal.answer.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;

import dev.fakeyc.server.internal.catalog.RequestFields;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * A request's values for the catalog's field references ({@link RequestFields}): its body fields, read according to its {@code Content-Type}, parsed at most once and only when asked
 * for: {@code application/x-www-form-urlencoded} bodies as form fields (SpeechKit v1, reference §9.1), anything else
 * as a JSON object if it is one. A JSON body under a form Content-Type is not read as JSON, as the real SpeechKit v1
 * does not. Field names may be dotted paths into nested JSON objects ({@code completionOptions.stream}). Headers and
 * query parameters come from the exchange, as Undertow parsed them.
 */
final class HttpFields implements RequestFields {

	private final HttpServerExchange exchange;
	private final byte[] body;
	private final boolean form;
	private JsonNode root;
	private boolean parsed;

	/**
	 * The fields of an exchange's request.
	 *
	 * @param exchange the exchange, for its headers and query parameters
	 * @param body     its body as read, or empty when it is not needed
	 */
	HttpFields(HttpServerExchange exchange, byte[] body) {
		this.exchange = exchange;
		this.body = body;
		String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
		this.form = contentType != null && isForm(contentType);
	}

	private static final String FORM = "application/x-www-form-urlencoded";

	/**
	 * Whether the Content-Type, past leading white space, starts with {@link #FORM} in any case: what
	 * {@code strip().toLowerCase(Locale.ROOT).startsWith(FORM)} answers, without a lower-cased copy per request: of the
	 * characters a header value can hold (Undertow reads them as ISO-8859-1), only {@code A}–{@code Z} fold to the
	 * letters of {@code FORM}, under either comparison.
	 */
	private static boolean isForm(String contentType) {
		int start = 0;
		while (start < contentType.length() && Character.isWhitespace(contentType.charAt(start))) {
			start++;
		}
		return contentType.regionMatches(true, start, FORM, 0, FORM.length());
	}

	@Override
	public String header(String name) {
		return exchange.getRequestHeaders().getFirst(name);
	}

	@Override
	public String query(String name) {
		Deque<String> values = exchange.getQueryParameters().get(name);
		return values == null ? null : values.peekFirst();
	}

	@Override
	public String text(String field) {
		JsonNode node = node(field);
		return node != null && node.isTextual() ? node.textValue() : "";
	}

	@Override
	public boolean flag(String field) {
		JsonNode node = node(field);
		return node != null && (node.isBoolean() ? node.booleanValue() : node.isTextual() && node.textValue().equals("true"));
	}

	@Override
	public int count(String field) {
		JsonNode node = node(field);
		return node != null && node.isArray() ? node.size() : 0;
	}

	private JsonNode node(String path) {
		JsonNode node = root();
		if (node == null) {
			return null;
		}
		return form ? node.get(path) : JsonBodies.at(node, path); // form field names are not paths
	}

	private JsonNode root() {
		if (!parsed) {
			parsed = true;
			root = form ? formFields() : jsonObject();
		}
		return root;
	}

	private JsonNode jsonObject() {
		if (body.length > 0 && firstNonSpace() == '{') {
			try {
				JsonNode node = JsonBodies.mapper().readTree(body);
				return node != null && node.isObject() ? node : null;
			} catch (IOException e) {
				return null; // not JSON: the fields are simply absent
			}
		}
		return null;
	}

	/** {@code a=1&b=x%20y} → {"a":"1","b":"x y"}; the first of repeated names wins, as for query parameters. */
	private JsonNode formFields() {
		ObjectNode fields = JsonNodeFactory.instance.objectNode();
		for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			try {
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				if (!fields.has(name)) {
					fields.put(name, value);
				}
			} catch (IllegalArgumentException e) {
				// a malformed %-escape: that pair is not a field, as a form parser skips it
			}
		}
		return fields;
	}

	private int firstNonSpace() {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return b;
			}
		}
		return -1;
	}
}
