package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Reads response bodies as JSON trees in the tests. */
final class Json {
	private static final ObjectMapper MAPPER = new ObjectMapper();

	private Json() {
	}

	static JsonNode parse(String text) {
		try {
			return MAPPER.readTree(text);
		} catch (IOException e) {
			throw new UncheckedIOException("not JSON: " + text, e);
		}
	}

	static JsonNode body(HttpResponse<String> response) {
		return parse(response.body());
	}

	static String requestId(HttpResponse<String> response) {
		return response.headers().firstValue("x-request-id").orElseThrow(() -> new AssertionError("no x-request-id header"));
	}
}
