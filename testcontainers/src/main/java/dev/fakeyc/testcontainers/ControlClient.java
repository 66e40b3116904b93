package dev.fakeyc.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fakeyc's control API ({@code /_fakeyc/}, README "Standalone jar") seen from the test's machine: the
 * journal read back into {@link RecordedRequest} records, credential documents posted.
 */
final class ControlClient {
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String baseUrl;
	private final boolean open;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	ControlClient(String baseUrl, boolean open) {
		this.baseUrl = baseUrl;
		this.open = open;
	}

	List<RecordedRequest> journal() {
		JsonNode requests = parse(send("GET", "/_fakeyc/journal", null)).path("requests");
		List<RecordedRequest> journal = new ArrayList<>(requests.size());
		for (JsonNode r : requests) {
			String folderId = text(r, "folderId");
			// a fake older than the field: the folder, as RecordedRequest's form without a resource shows it
			String resourceType = r.has("resourceType") ? text(r, "resourceType") : folderId.isEmpty() ? "" : AccessBinding.FOLDER;
			String resourceId = r.has("resourceId") ? text(r, "resourceId") : folderId;
			journal.add(new RecordedRequest(Instant.parse(r.path("at").asText()), text(r, "requestId"), text(r, "method"),
					text(r, "path"), text(r, "query"), text(r, "host"), headers(r.path("headers")), text(r, "scheme"),
					text(r, "credential"), text(r, "subjectId"), folderId, text(r, "service"), text(r, "resource"),
					Outcome.valueOf(text(r, "outcome")), r.path("status").asInt(), text(r, "message"), text(r, "reason"), resourceType, resourceId));
		}
		return List.copyOf(journal);
	}

	void register(String document) {
		send("POST", "/_fakeyc/credentials", document);
	}

	/** Sends one request; a 400 from the fake becomes IllegalArgumentException with its message, anything else not 2xx IllegalStateException. */
	String send(String method, String path, String body) {
		if (!open) {
			throw new IllegalStateException("the fakeyc container's control API is closed (withRemoteControl(false)); "
					+ method + " " + path + " needs it open");
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
				.header("Content-Type", "application/json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
				.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + e.getMessage(), e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(method + " " + baseUrl + path + " was interrupted", e);
		}
		int status = response.statusCode();
		if (status / 100 == 2) {
			return response.body();
		}
		String message = parse(response.body()).path("message").asText(response.body());
		if (status == 400) {
			throw new IllegalArgumentException("fakeyc refused " + method + " " + path + ": " + message);
		}
		throw new IllegalStateException("fakeyc answered " + method + " " + path + " with " + status + ": " + message);
	}

	private static JsonNode parse(String json) {
		try {
			return ConfigDocument.JSON.readTree(json);
		} catch (IOException e) {
			throw new IllegalStateException("fakeyc's control API sent something that is not JSON: " + e.getMessage(), e);
		}
	}

	private static String text(JsonNode n, String field) {
		return n.path(field).asText("");
	}

	private static Map<String, List<String>> headers(JsonNode headers) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> h : headers.properties()) {
			List<String> values = new ArrayList<>();
			h.getValue().forEach(v -> values.add(v.asText()));
			map.put(h.getKey(), List.copyOf(values));
		}
		return Map.copyOf(map);
	}
}
