package dev.fakeyc.server.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The catalog format (README, "Services and routes") as typed records, bound by {@link Documents#read} with unknown
 * fields refused; the standalone config's {@code services} are the same {@link ServiceEntry} list. A field is
 * {@code null} when absent or {@code null}. Values whose checks word their own message (statuses, counts, free JSON)
 * stay {@link JsonNode}; {@link CatalogLoader} checks every value and builds the routes.
 *
 * @param services the services; null when absent
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record CatalogDocument(List<ServiceEntry> services) {
	/**
	 * One service: {@code {"id", "title", "hosts", "hostOnly", "errorStyle", "folder", "unknownBearer", "resources"}};
	 * {@code folder} is bound to a {@link FolderEntry} when present (a {@code null} there is refused, not ignored);
	 * {@code title} is for people and never read, so any JSON is allowed there.
	 */
	public record ServiceEntry(String id, JsonNode title, List<String> hosts, Boolean hostOnly, String errorStyle, JsonNode folder,
			String unknownBearer, List<ResourceEntry> resources) {
	}

	/** Where requests name their folder: {@code {"rule", "from", "uris"}}. */
	public record FolderEntry(String rule, List<String> from, List<String> uris) {
	}

	/** One resource: {@code {"id", "apiKey", "apiKeyAsBearer", "scopes", "anonymous", "grpc", "routes"}}. */
	public record ResourceEntry(String id, Boolean apiKey, Boolean apiKeyAsBearer, List<String> scopes, Boolean anonymous, List<String> grpc,
			List<RouteEntry> routes) {
	}

	/** One route: {@code {"method", "path", "response", "errorStyle", "refuse"}}. */
	public record RouteEntry(String method, String path, ResponseEntry response, String errorStyle, List<RefusalEntry> refuse) {
	}

	/**
	 * A default response: {@code {"status", "headers", "body", "stream", "grpc"}}; {@code body} is any JSON;
	 * {@code grpc} the method whose success message the body also gives.
	 */
	public record ResponseEntry(JsonNode status, JsonNode headers, JsonNode body, StreamEntry stream, String grpc) {
	}

	/** A route's stream: {@code {"format", "when", "chunks", "pause", "breakOffAfter", "grpc"}}. */
	public record StreamEntry(String format, String when, List<ChunkEntry> chunks, String pause, JsonNode breakOffAfter, String grpc) {
	}

	/**
	 * One chunk of a stream, exactly one of its fields present; kept as JSON so that a field present as {@code null}
	 * still counts as present.
	 */
	public record ChunkEntry(JsonNode text, JsonNode toolCall, JsonNode finishReason, JsonNode usage) {
	}

	/** A tool call chunk: {@code {"id", "name", "arguments"}}. */
	public record ToolCallEntry(String id, String name, JsonNode arguments) {
	}

	/** A usage chunk: {@code {"promptTokens", "completionTokens"}}. */
	public record UsageEntry(JsonNode promptTokens, JsonNode completionTokens) {
	}

	/** One of a route's refusals: {@code {"when", "equals", "status", "grpcCode", "message"}}. */
	public record RefusalEntry(String when, String equals, JsonNode status, JsonNode grpcCode, String message) {
	}
}
