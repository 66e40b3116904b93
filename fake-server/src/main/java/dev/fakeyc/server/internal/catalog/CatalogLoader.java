package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.fakeyc.server.StreamChunk;
import dev.fakeyc.server.StreamScript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the catalog format (documented in the README): strict, so an unknown field or a wrong type is
 * an error naming its JSON path rather than something silently ignored.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CatalogLoader {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern SCOPE = Pattern.compile("[a-z][A-Za-z0-9.-]*");
	/** {@code pkg.Service/Method}, {@code pkg.Service/*}, or {@code pkg.prefix.**}. */
	private static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+/([A-Za-z_][A-Za-z0-9_]*|\\*)"
			+ "|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*\\.\\*\\*");
	private static final Set<String> METHODS = Set.of("*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

	private CatalogLoader() {
	}

	/**
	 * The catalog built into the jar, read once per JVM: its routes are immutable, so every fake can
	 * share them, and a fake's construction does not re-parse the JSON.
	 */
	public static List<Route> builtIn() {
		return BuiltIn.ROUTES;
	}

	/** Loaded on first use (the holder idiom), not when the loader class is. */
	private static final class BuiltIn {
		static final List<Route> ROUTES = List.copyOf(load());
	}

	private static List<Route> load() {
		try (InputStream in = CatalogLoader.class.getResourceAsStream("/dev/fakeyc/server/catalog.json")) {
			if (in == null) {
				throw new IllegalStateException("the built-in catalog dev/fakeyc/server/catalog.json is missing from the classpath");
			}
			return services(JSON.readTree(in).get("services"), "$.services");
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the built-in catalog", e);
		}
	}

	/** Parses a JSON document {@code {"services":[…]}} or a bare array of services. */
	public static List<Route> parse(String json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		} catch (JsonProcessingException e) {
			throw new CatalogException("$", "not valid JSON: " + CatalogException.maskQuoted(e.getOriginalMessage()));
		}
		if (root != null && root.isObject()) {
			allowOnly(root, "$", Set.of("services"));
			return services(root.get("services"), "$.services");
		}
		return services(root, "$");
	}

	/** Parses an already-read array of services; {@code path} is its JSON path, for messages. */
	public static List<Route> services(JsonNode array, String path) {
		List<Route> routes = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		int i = 0;
		for (JsonNode node : array(array, path)) {
			String at = path + "[" + i++ + "]";
			List<Route> serviceRoutes = service(node, at);
			String id = serviceRoutes.get(0).service().id();
			if (!ids.add(id)) {
				throw new CatalogException(at + ".id", "service " + CatalogException.quote(id) + " is declared twice");
			}
			routes.addAll(serviceRoutes);
		}
		return routes;
	}

	private static List<Route> service(JsonNode node, String at) {
		allowOnly(node, at, Set.of("id", "title", "hosts", "hostOnly", "errorStyle", "folder", "unknownBearer", "resources"));
		String id = text(node, at, "id", null);
		List<String> hosts = new ArrayList<>();
		for (String h : strings(node, at, "hosts")) {
			hosts.add(h.toLowerCase(Locale.ROOT));
		}
		boolean hostOnly = bool(node, at, "hostOnly", false);
		if (hostOnly && hosts.isEmpty()) {
			throw new CatalogException(at + ".hostOnly", "a host-only service needs at least one entry in 'hosts'");
		}
		ErrorStyle style = enumValue(ErrorStyle.class, text(node, at, "errorStyle", "standard"), at + ".errorStyle");
		String unknownBearer = text(node, at, "unknownBearer", "token");
		if (!unknownBearer.equals("token") && !unknownBearer.equals("apiKey")) {
			throw new CatalogException(at + ".unknownBearer", "must be 'token' or 'apiKey', not " + CatalogException.quote(unknownBearer));
		}
		FolderRule rule = FolderRule.NONE;
		List<FolderSource> sources = List.of();
		List<FolderSource> uris = List.of();
		JsonNode folder = node.get("folder");
		if (folder != null) {
			String fat = at + ".folder";
			allowOnly(folder, fat, Set.of("rule", "from", "uris"));
			rule = enumValue(FolderRule.class, text(folder, fat, "rule", "none"), fat + ".rule");
			sources = folderSources(folder, fat, "from");
			uris = folderSources(folder, fat, "uris");
		}
		Service service = new Service(id, hosts, hostOnly, style, rule, sources, uris, unknownBearer.equals("apiKey"));
		List<Route> routes = new ArrayList<>();
		int i = 0;
		for (JsonNode r : array(required(node, at, "resources"), at + ".resources")) {
			routes.addAll(resource(service, r, at + ".resources[" + i++ + "]"));
		}
		if (routes.isEmpty()) {
			throw new CatalogException(at + ".resources", "service '" + id + "' has no routes");
		}
		return routes;
	}

	private static List<FolderSource> folderSources(JsonNode folder, String at, String field) {
		List<FolderSource> result = new ArrayList<>();
		int i = 0;
		for (String spec : strings(folder, at, field)) {
			try {
				result.add(FolderSource.parse(spec));
			} catch (IllegalArgumentException e) {
				throw new CatalogException(at + "." + field + "[" + i + "]", e.getMessage());
			}
			i++;
		}
		return result;
	}

	private static List<Route> resource(Service service, JsonNode node, String at) {
		allowOnly(node, at, Set.of("id", "apiKey", "apiKeyAsBearer", "scopes", "anonymous", "grpc", "routes"));
		String id = text(node, at, "id", null);
		boolean apiKey = bool(node, at, "apiKey", false);
		boolean asBearer = bool(node, at, "apiKeyAsBearer", false);
		List<String> scopes = strings(node, at, "scopes");
		for (int i = 0; i < scopes.size(); i++) {
			if (!SCOPE.matcher(scopes.get(i)).matches()) {
				throw new CatalogException(at + ".scopes[" + i + "]", CatalogException.quote(scopes.get(i)) + " is not a scope name (like yc.monitoring.read)");
			}
		}
		if ((apiKey || asBearer) && scopes.isEmpty()) {
			throw new CatalogException(at + ".scopes", "resource '" + id + "' accepts API keys but names no scope that unlocks it");
		}
		if (asBearer && !apiKey) {
			throw new CatalogException(at + ".apiKeyAsBearer", "resource '" + id + "' takes API keys as Bearer but not as Api-Key; set apiKey to true as well");
		}
		List<String> grpc = strings(node, at, "grpc");
		for (int i = 0; i < grpc.size(); i++) {
			if (!GRPC_METHOD.matcher(grpc.get(i)).matches()) {
				throw new CatalogException(at + ".grpc[" + i + "]", CatalogException.quote(grpc.get(i))
						+ " is not a gRPC method pattern; write pkg.Service/Method, pkg.Service/* or pkg.prefix.**"
						+ " (like yandex.cloud.serverless.workflows.v1.ExecutionService/*)");
			}
		}
		Resource resource = new Resource(id, apiKey, asBearer, new LinkedHashSet<>(scopes), bool(node, at, "anonymous", false), grpc);
		List<Route> routes = new ArrayList<>();
		int i = 0;
		for (JsonNode r : array(required(node, at, "routes"), at + ".routes")) {
			routes.add(route(service, resource, r, at + ".routes[" + i++ + "]"));
		}
		return routes;
	}

	private static Route route(Service service, Resource resource, JsonNode node, String at) {
		allowOnly(node, at, Set.of("method", "path", "response", "errorStyle", "refuse"));
		String method = text(node, at, "method", "*").toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw new CatalogException(at + ".method", CatalogException.quote(method) + " is not one of " + new java.util.TreeSet<>(METHODS));
		}
		PathTemplate path;
		try {
			path = PathTemplate.parse(text(node, at, "path", null));
		} catch (IllegalArgumentException e) {
			throw new CatalogException(at + ".path", e.getMessage());
		}
		ErrorStyle style = node.hasNonNull("errorStyle")
				? enumValue(ErrorStyle.class, text(node, at, "errorStyle", null), at + ".errorStyle")
				: service.errorStyle();
		JsonNode response = node.get("response");
		StreamSpec stream = response != null && response.hasNonNull("stream") ? stream(response.get("stream"), at + ".response.stream") : null;
		List<RouteRefusal> refusals = new ArrayList<>();
		if (node.has("refuse")) {
			int i = 0;
			for (JsonNode r : array(node.get("refuse"), at + ".refuse")) {
				refusals.add(refusal(r, at + ".refuse[" + i++ + "]"));
			}
		}
		return new Route(service, resource, method, path, response(response, at + ".response"), style, stream, refusals);
	}

	/** Parses one of a route's {@code "refuse"} entries: {@code {"when", "equals", "status", "grpcCode", "message"}}. */
	private static RouteRefusal refusal(JsonNode node, String at) {
		allowOnly(node, at, Set.of("when", "equals", "status", "grpcCode", "message"));
		String when = text(node, at, "when", null);
		if (!when.startsWith("body:") || when.length() == 5) {
			throw new CatalogException(at + ".when", "must name a body field, like body:encoding_format");
		}
		int status = count(node, at, "status");
		if (status < 400 || status > 599) {
			throw new CatalogException(at + ".status", "must be an error status from 400 to 599, not " + status);
		}
		int grpcCode = count(node, at, "grpcCode");
		if (grpcCode > 16) {
			throw new CatalogException(at + ".grpcCode", "must be a gRPC code from 0 to 16, not " + grpcCode);
		}
		return new RouteRefusal(when.substring(5), text(node, at, "equals", null), status, grpcCode, text(node, at, "message", null));
	}

	/**
	 * Parses a route's {@code "stream"}: {@code {"format", "when", "chunks", "pause", "breakOffAfter"}} (README,
	 * "Streamed answers").
	 */
	static StreamSpec stream(JsonNode node, String at) {
		allowOnly(node, at, Set.of("format", "when", "chunks", "pause", "breakOffAfter", "grpc"));
		StreamFormat format = enumValue(StreamFormat.class, text(node, at, "format", null), at + ".format");
		String when = text(node, at, "when", null);
		if (!when.startsWith("body:") || when.length() == 5) {
			throw new CatalogException(at + ".when", "must name a boolean body field, like body:stream or body:completionOptions.stream, not '" + when + "'");
		}
		StreamScript.Builder script = StreamScript.builder();
		int i = 0;
		for (JsonNode chunk : array(required(node, at, "chunks"), at + ".chunks")) {
			script.chunk(chunk(chunk, at + ".chunks[" + i++ + "]"));
		}
		if (node.hasNonNull("pause")) {
			String pause = text(node, at, "pause", null);
			try {
				script.pause(Duration.parse(pause));
			} catch (DateTimeParseException e) {
				throw new CatalogException(at + ".pause", "'" + pause + "' is not an ISO-8601 duration, like PT0.05S for 50 ms");
			}
		}
		JsonNode breakOff = node.get("breakOffAfter");
		if (breakOff != null && !breakOff.isNull()) {
			if (!breakOff.isInt()) {
				throw new CatalogException(at + ".breakOffAfter", "must be a number of chunks, not " + breakOff);
			}
			script.breakOffAfter(breakOff.intValue());
		}
		String grpc = text(node, at, "grpc", "");
		if (!grpc.isEmpty() && (!GRPC_METHOD.matcher(grpc).matches() || grpc.endsWith("*"))) {
			throw new CatalogException(at + ".grpc", CatalogException.quote(grpc)
					+ " is not a gRPC method; write pkg.Service/Method, like yandex.cloud.ai.foundation_models.v1.TextGenerationService/Completion");
		}
		try {
			return new StreamSpec(format, when.substring(5), script.build(), grpc);
		} catch (IllegalArgumentException e) {
			throw new CatalogException(at, e.getMessage());
		}
	}

	/** One chunk: exactly one of {@code text}, {@code toolCall}, {@code finishReason}, {@code usage}. */
	private static StreamChunk chunk(JsonNode node, String at) {
		Set<String> kinds = Set.of("text", "toolCall", "finishReason", "usage");
		allowOnly(node, at, kinds);
		if (node.size() != 1) {
			throw new CatalogException(at, "must hold exactly one of " + String.join(", ", new java.util.TreeSet<>(kinds)));
		}
		try {
			if (node.has("text")) {
				JsonNode text = node.get("text");
				if (!text.isTextual()) {
					throw new CatalogException(at + ".text", "must be a string, not " + text);
				}
				return new StreamChunk.Text(text.textValue());
			}
			if (node.has("toolCall")) {
				JsonNode call = node.get("toolCall");
				String cat = at + ".toolCall";
				allowOnly(call, cat, Set.of("id", "name", "arguments"));
				JsonNode arguments = required(call, cat, "arguments");
				if (!arguments.isObject()) {
					throw new CatalogException(cat + ".arguments", "must be a JSON object, not " + arguments);
				}
				return new StreamChunk.ToolCall(text(call, cat, "id", null), text(call, cat, "name", null), arguments.toString());
			}
			if (node.has("finishReason")) {
				return new StreamChunk.Finish(text(node, at, "finishReason", null));
			}
			JsonNode usage = node.get("usage");
			String uat = at + ".usage";
			allowOnly(usage, uat, Set.of("promptTokens", "completionTokens"));
			return new StreamChunk.Usage(count(usage, uat, "promptTokens"), count(usage, uat, "completionTokens"));
		} catch (CatalogException e) {
			throw e;
		} catch (IllegalArgumentException e) {
			throw new CatalogException(at, e.getMessage());
		}
	}

	private static int count(JsonNode node, String at, String field) {
		JsonNode value = required(node, at, field);
		if (!value.isInt() || value.intValue() < 0) {
			throw new CatalogException(at + "." + field, "must be a whole number ≥ 0, not " + value);
		}
		return value.intValue();
	}

	/** Parses a response object {@code {"status", "headers", "body"}}; null gives {@code 200 {}}. */
	public static ResponseTemplate response(JsonNode node, String at) {
		if (node == null || node.isNull()) {
			return ResponseTemplate.emptyJson();
		}
		allowOnly(node, at, Set.of("status", "headers", "body", "stream"));
		int status = 200;
		JsonNode s = node.get("status");
		if (s != null) {
			if (!s.isInt() || s.intValue() < 100 || s.intValue() > 599) {
				throw new CatalogException(at + ".status", "must be a number from 100 to 599, not " + kind(s));
			}
			status = s.intValue();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		JsonNode h = node.get("headers");
		if (h != null) {
			if (!h.isObject()) {
				throw new CatalogException(at + ".headers", "must be an object of header names to strings");
			}
			for (Map.Entry<String, JsonNode> e : h.properties()) {
				if (!e.getValue().isTextual()) {
					throw new CatalogException(at + ".headers." + e.getKey(), "must be a string");
				}
				headers.put(e.getKey(), e.getValue().textValue());
			}
		}
		JsonNode body = node.get("body");
		String text;
		if (body == null || body.isNull()) {
			text = "";
		} else if (body.isTextual()) {
			text = body.textValue();
		} else {
			text = body.toString();
			headers.putIfAbsent("Content-Type", "application/json");
		}
		return new ResponseTemplate(status, headers, text);
	}

	// --- strict JSON access -------------------------------------------------

	/** What a wrong value is, without its content (it may be a secret in the wrong place, or huge). */
	static String kind(JsonNode value) {
		if (value.isTextual()) {
			return value.textValue().isBlank() ? "a blank string" : "a string";
		}
		return value.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	public static void allowOnly(JsonNode node, String at, Set<String> allowed) {
		if (node == null || !node.isObject()) {
			throw new CatalogException(at, "must be an object");
		}
		for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
			String name = it.next();
			if (!allowed.contains(name)) {
				throw new CatalogException(at + "." + name, "unknown field; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
			}
		}
	}

	private static JsonNode required(JsonNode node, String at, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new CatalogException(at + "." + field, "is required");
		}
		return value;
	}

	private static Iterable<JsonNode> array(JsonNode node, String at) {
		if (node == null || !node.isArray()) {
			throw new CatalogException(at, "must be an array");
		}
		return (ArrayNode) node;
	}

	private static String text(JsonNode node, String at, String field, String fallback) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (fallback == null) {
				throw new CatalogException(at + "." + field, "is required");
			}
			return fallback;
		}
		if (!value.isTextual() || value.textValue().isBlank()) {
			throw new CatalogException(at + "." + field, "must be a non-empty string, not " + kind(value));
		}
		return value.textValue();
	}

	private static boolean bool(JsonNode node, String at, String field, boolean fallback) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isBoolean()) {
			throw new CatalogException(at + "." + field, "must be true or false, not " + kind(value));
		}
		return value.booleanValue();
	}

	private static List<String> strings(JsonNode node, String at, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		int i = 0;
		for (JsonNode item : array(value, at + "." + field)) {
			if (!item.isTextual() || item.textValue().isBlank()) {
				throw new CatalogException(at + "." + field + "[" + i + "]", "must be a non-empty string, not " + kind(item));
			}
			result.add(item.textValue());
			i++;
		}
		return result;
	}

	private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String at) {
		for (E e : type.getEnumConstants()) {
			if (e.name().replace("_", "").equalsIgnoreCase(text.replace("-", "").replace("_", ""))) {
				return e;
			}
		}
		List<String> names = new ArrayList<>();
		for (E e : type.getEnumConstants()) {
			names.add(e.name().toLowerCase(Locale.ROOT));
		}
		throw new CatalogException(at, CatalogException.quote(text) + " is not one of " + names);
	}
}
