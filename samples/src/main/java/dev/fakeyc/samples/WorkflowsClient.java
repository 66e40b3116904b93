package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serverless Workflows over REST: starting executions (which an API key may do) and listing workflows
 * (which needs an IAM token).
 */
public final class WorkflowsClient {
	private final RestClient rest;

	public WorkflowsClient(URI baseUrl, Credentials credentials) {
		this.rest = new RestClient(HttpClient.newHttpClient(), baseUrl, credentials);
	}

	/** Starts an execution; returns its id. */
	public String start(String workflowId, String inputJson) {
		JsonNode answer = rest.post("/workflows/v1/execution/start",
				Map.of("workflowId", workflowId, "input", Map.of("inputJson", inputJson)), Map.of());
		return answer.path("executionId").asText();
	}

	/** The status of an execution ({@code RUNNING}, {@code FINISHED}, …). */
	public String status(String executionId) {
		return rest.get("/workflows/v1/execution/" + executionId, Map.of()).path("execution").path("status").asText();
	}

	/** The ids of the workflows in a folder. */
	public List<String> listWorkflows(String folderId) {
		JsonNode answer = rest.get("/workflows/v1/workflow?folderId=" + folderId, Map.of());
		List<String> ids = new ArrayList<>();
		answer.path("workflows").forEach(w -> ids.add(w.path("id").asText()));
		return ids;
	}
}
