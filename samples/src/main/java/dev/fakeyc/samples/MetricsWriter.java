package dev.fakeyc.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes custom metrics to Monitoring ({@code POST /monitoring/v2/data/write?folderId=…&service=custom}),
 * synchronously or in the background.
 */
public final class MetricsWriter {
	private final RestClient rest;
	private final String folderId;

	public MetricsWriter(URI baseUrl, Credentials credentials, String folderId) {
		this.rest = new RestClient(HttpClient.newHttpClient(), baseUrl, credentials);
		this.folderId = folderId;
	}

	/** One metric value. */
	public record Metric(String name, Map<String, String> labels, double value, Instant ts) {
	}

	/** Writes the metrics; returns how many the service says it wrote. */
	public int write(List<Metric> metrics) {
		return rest.post(path(), body(metrics), Map.of()).path("writtenMetricsCount").asInt();
	}

	/** Writes in the background, as an exporter on a timer would. */
	public CompletableFuture<Integer> writeAsync(List<Metric> metrics) {
		return rest.postAsync(path(), body(metrics), Map.of()).thenApply(answer -> answer.path("writtenMetricsCount").asInt());
	}

	private String path() {
		return "/monitoring/v2/data/write?folderId=" + folderId + "&service=custom";
	}

	private static Map<String, Object> body(List<Metric> metrics) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (Metric m : metrics) {
			list.add(Map.of("name", m.name(), "labels", m.labels(), "type", "DGAUGE", "value", m.value(), "ts", m.ts().toString()));
		}
		return Map.of("metrics", list);
	}
}
