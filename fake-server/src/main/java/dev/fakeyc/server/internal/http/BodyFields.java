package dev.fakeyc.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The top-level fields of a JSON request body, parsed at most once and only when asked for. */
final class BodyFields {
	private static final ObjectMapper JSON = new ObjectMapper();

	private final byte[] body;
	private JsonNode root;
	private boolean parsed;

	BodyFields(byte[] body) {
		this.body = body;
	}

	/** A top-level string field, or empty. */
	String text(String field) {
		JsonNode node = root() == null ? null : root.get(field);
		return node != null && node.isTextual() ? node.textValue() : "";
	}

	/** A top-level integer field, or 0. */
	int number(String field) {
		JsonNode node = root() == null ? null : root.get(field);
		return node != null && node.isInt() ? node.intValue() : 0;
	}

	/** The length of a top-level array field, or 0. */
	int count(String field) {
		JsonNode node = root() == null ? null : root.get(field);
		return node != null && node.isArray() ? node.size() : 0;
	}

	private JsonNode root() {
		if (!parsed) {
			parsed = true;
			if (body.length > 0 && firstNonSpace() == '{') {
				try {
					JsonNode node = JSON.readTree(body);
					root = node != null && node.isObject() ? node : null;
				} catch (IOException e) {
					root = null; // not JSON: the fields are simply absent
				}
			}
		}
		return root;
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
