package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fakeyc.server.StreamChunk;
import dev.fakeyc.server.internal.catalog.CatalogDocument.ChunkEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.FolderEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.RefusalEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.ResourceEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.ResponseEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.RouteEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.ServiceEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.StreamEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.ToolCallEntry;
import dev.fakeyc.server.internal.catalog.CatalogDocument.UsageEntry;
import dev.fakeyc.server.StreamScript;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the catalog format (documented in the README): {@link Documents} binds the text into the typed
 * {@link CatalogDocument} (unknown fields and wrong types refused), and the plain functions here check every value and
 * build the {@link Route}s, so a problem is an error naming its JSON path rather than something silently ignored.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CatalogLoader {
	/**
	 * The checks' patterns, compiled on first use (the holder idiom): only reading a JSON catalog needs them, not a start
	 * from the compiled built-in one, where compiling them would be work on the way to the first answer.
	 */
	private static final class Patterns {
		static final Pattern SCOPE = Pattern.compile("[a-z][A-Za-z0-9.-]*");
		/** {@code pkg.Service/Method}, {@code pkg.Service/*}, or {@code pkg.prefix.**}. */
		static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+/([A-Za-z_][A-Za-z0-9_]*|\\*)"
				+ "|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*\\.\\*\\*");

		private Patterns() {
		}
	}
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

	/** The built-in catalog's source, and its {@link CompiledForm} made at build time. */
	static final String BUILT_IN = "/dev/fakeyc/server/catalog.json";
	static final String BUILT_IN_COMPILED = "/dev/fakeyc/server/catalog.compiled";

	/** The compiled form when it was made from this jar's JSON (always, in a built jar); else the JSON, parsed and checked. */
	private static List<Route> load() {
		byte[] json = builtInJson();
		CompiledForm.Reader compiled = CompiledForm.Reader.open(CompiledForm.resource(BUILT_IN_COMPILED), json);
		return compiled != null ? CompiledCatalog.read(compiled) : parse(new String(json, StandardCharsets.UTF_8));
	}

	private static byte[] builtInJson() {
		return CompiledForm.builtIn(BUILT_IN, "catalog");
	}

	/**
	 * The build step: parses and checks the built-in catalog's JSON and writes its {@link CompiledForm}.
	 *
	 * @param out where the form goes ({@code catalog.compiled} beside {@code catalog.json} in the build's classes)
	 * @throws CatalogException if the built-in catalog is not valid (the build fails, naming the JSON path)
	 */
	public static void compileBuiltIn(OutputStream out) {
		byte[] json = builtInJson();
		CompiledCatalog.write(parse(new String(json, StandardCharsets.UTF_8)), new CompiledForm.Writer(out, json));
	}

	/** Parses a JSON document {@code {"services":[…]}} or a bare array of services. */
	public static List<Route> parse(String json) {
		JsonNode root = Documents.tree(json, false);
		if (root != null && root.isObject()) {
			CatalogDocument document = Documents.bind(root, "$", CatalogDocument.class);
			return routes(document.services(), "$.services");
		}
		if (root == null || !root.isArray()) {
			throw new CatalogException("$", "must be an array");
		}
		return routes(Documents.bindList(root, "$", ServiceEntry.class), "$");
	}

	/**
	 * The routes of bound services, every value checked; {@code path} is the list's JSON path, for messages.
	 *
	 * @throws CatalogException naming the JSON path of the first problem
	 */
	public static List<Route> routes(List<ServiceEntry> services, String path) {
		if (services == null) {
			throw new CatalogException(path, "must be an array");
		}
		List<Route> routes = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		for (int i = 0; i < services.size(); i++) {
			String at = path + "[" + i + "]";
			List<Route> serviceRoutes = service(object(services.get(i), at), at);
			String id = serviceRoutes.get(0).service().id();
			if (!ids.add(id)) {
				throw new CatalogException(at + ".id", "service " + CatalogException.quote(id) + " is declared twice");
			}
			routes.addAll(serviceRoutes);
		}
		return routes;
	}

	private static List<Route> service(ServiceEntry entry, String at) {
		String id = text(entry.id(), at, "id", null);
		List<String> hosts = new ArrayList<>();
		for (String h : strings(entry.hosts(), at, "hosts")) {
			hosts.add(h.toLowerCase(Locale.ROOT));
		}
		boolean hostOnly = bool(entry.hostOnly(), false);
		if (hostOnly && hosts.isEmpty()) {
			throw new CatalogException(at + ".hostOnly", "a host-only service needs at least one entry in 'hosts'");
		}
		ErrorStyle style = enumValue(ErrorStyle.class, text(entry.errorStyle(), at, "errorStyle", "standard"), at + ".errorStyle");
		String unknownBearer = text(entry.unknownBearer(), at, "unknownBearer", "token");
		if (!unknownBearer.equals("token") && !unknownBearer.equals("apiKey")) {
			throw new CatalogException(at + ".unknownBearer", "must be 'token' or 'apiKey', not " + CatalogException.quote(unknownBearer));
		}
		FolderRule rule = FolderRule.NONE;
		List<FolderSource> sources = List.of();
		List<FolderSource> uris = List.of();
		if (entry.folder() != null) {
			String fat = at + ".folder";
			FolderEntry folder = object(entry.folder().isNull() ? null : Documents.bind(entry.folder(), fat, FolderEntry.class), fat);
			rule = enumValue(FolderRule.class, text(folder.rule(), fat, "rule", "none"), fat + ".rule");
			sources = folderSources(folder.from(), fat, "from");
			uris = folderSources(folder.uris(), fat, "uris");
		}
		Service service = new Service(id, hosts, hostOnly, style, rule, sources, uris, unknownBearer.equals("apiKey"));
		List<Route> routes = new ArrayList<>();
		List<ResourceEntry> resources = required(entry.resources(), at, "resources");
		for (int i = 0; i < resources.size(); i++) {
			String rat = at + ".resources[" + i + "]";
			routes.addAll(resource(service, object(resources.get(i), rat), rat));
		}
		if (routes.isEmpty()) {
			throw new CatalogException(at + ".resources", "service '" + id + "' has no routes");
		}
		return routes;
	}

	private static List<FolderSource> folderSources(List<String> specs, String at, String field) {
		List<FolderSource> result = new ArrayList<>();
		int i = 0;
		for (String spec : strings(specs, at, field)) {
			try {
				result.add(FolderSource.parse(spec));
			} catch (IllegalArgumentException e) {
				throw new CatalogException(at + "." + field + "[" + i + "]", e.getMessage());
			}
			i++;
		}
		return result;
	}

	private static List<Route> resource(Service service, ResourceEntry entry, String at) {
		String id = text(entry.id(), at, "id", null);
		boolean apiKey = bool(entry.apiKey(), false);
		boolean asBearer = bool(entry.apiKeyAsBearer(), false);
		List<String> scopes = strings(entry.scopes(), at, "scopes");
		for (int i = 0; i < scopes.size(); i++) {
			if (!Patterns.SCOPE.matcher(scopes.get(i)).matches()) {
				throw new CatalogException(at + ".scopes[" + i + "]", CatalogException.quote(scopes.get(i)) + " is not a scope name (like yc.monitoring.read)");
			}
		}
		if ((apiKey || asBearer) && scopes.isEmpty()) {
			throw new CatalogException(at + ".scopes", "resource '" + id + "' accepts API keys but names no scope that unlocks it");
		}
		if (asBearer && !apiKey) {
			throw new CatalogException(at + ".apiKeyAsBearer", "resource '" + id + "' takes API keys as Bearer but not as Api-Key; set apiKey to true as well");
		}
		List<String> grpc = strings(entry.grpc(), at, "grpc");
		for (int i = 0; i < grpc.size(); i++) {
			if (!Patterns.GRPC_METHOD.matcher(grpc.get(i)).matches()) {
				throw new CatalogException(at + ".grpc[" + i + "]", CatalogException.quote(grpc.get(i))
						+ " is not a gRPC method pattern; write pkg.Service/Method, pkg.Service/* or pkg.prefix.**"
						+ " (like yandex.cloud.serverless.workflows.v1.ExecutionService/*)");
			}
		}
		Resource resource = new Resource(id, apiKey, asBearer, new LinkedHashSet<>(scopes), bool(entry.anonymous(), false), grpc);
		List<Route> routes = new ArrayList<>();
		List<RouteEntry> entries = required(entry.routes(), at, "routes");
		for (int i = 0; i < entries.size(); i++) {
			String rat = at + ".routes[" + i + "]";
			routes.add(route(service, resource, object(entries.get(i), rat), rat));
		}
		return routes;
	}

	private static Route route(Service service, Resource resource, RouteEntry entry, String at) {
		String method = text(entry.method(), at, "method", "*").toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw new CatalogException(at + ".method", CatalogException.quote(method) + " is not one of " + new java.util.TreeSet<>(METHODS));
		}
		PathTemplate path;
		try {
			path = PathTemplate.parse(text(entry.path(), at, "path", null));
		} catch (IllegalArgumentException e) {
			throw new CatalogException(at + ".path", e.getMessage());
		}
		ErrorStyle style = entry.errorStyle() != null
				? enumValue(ErrorStyle.class, text(entry.errorStyle(), at, "errorStyle", null), at + ".errorStyle")
				: service.errorStyle();
		ResponseEntry response = entry.response();
		StreamSpec stream = response != null && response.stream() != null ? stream(response.stream(), at + ".response.stream") : null;
		List<RouteRefusal> refusals = new ArrayList<>();
		if (entry.refuse() != null) {
			for (int i = 0; i < entry.refuse().size(); i++) {
				String rat = at + ".refuse[" + i + "]";
				refusals.add(refusal(object(entry.refuse().get(i), rat), rat));
			}
		}
		ResponseTemplate template = response(response, at + ".response");
		String grpc = template.grpcMethod();
		if (!grpc.isEmpty() && !resource.namesGrpcMethod(grpc)) {
			throw new CatalogException(at + ".response.grpc", CatalogException.quote(grpc)
					+ " is none of the methods this resource's \"grpc\" patterns name: add it there, or answer it from the resource that names it");
		}
		return new Route(service, resource, method, path, template, style, stream, refusals);
	}

	/** Checks one of a route's {@code "refuse"} entries. */
	private static RouteRefusal refusal(RefusalEntry entry, String at) {
		String when = text(entry.when(), at, "when", null);
		if (!when.startsWith("body:") || when.length() == 5) {
			throw new CatalogException(at + ".when", "must name a body field, like body:encoding_format");
		}
		int status = count(entry.status(), at, "status");
		if (status < 400 || status > 599) {
			throw new CatalogException(at + ".status", "must be an error status from 400 to 599, not " + status);
		}
		int grpcCode = count(entry.grpcCode(), at, "grpcCode");
		if (grpcCode > 16) {
			throw new CatalogException(at + ".grpcCode", "must be a gRPC code from 0 to 16, not " + grpcCode);
		}
		return new RouteRefusal(when.substring(5), text(entry.equals(), at, "equals", null), status, grpcCode, text(entry.message(), at, "message", null));
	}

	/** Checks a route's {@code "stream"} (README, "Streamed answers"). */
	static StreamSpec stream(StreamEntry entry, String at) {
		StreamFormat format = enumValue(StreamFormat.class, text(entry.format(), at, "format", null), at + ".format");
		String when = text(entry.when(), at, "when", null);
		if (!when.startsWith("body:") || when.length() == 5) {
			throw new CatalogException(at + ".when", "must name a boolean body field, like body:stream or body:completionOptions.stream, not '" + when + "'");
		}
		StreamScript.Builder script = StreamScript.builder();
		List<ChunkEntry> chunks = required(entry.chunks(), at, "chunks");
		for (int i = 0; i < chunks.size(); i++) {
			String cat = at + ".chunks[" + i + "]";
			script.chunk(chunk(object(chunks.get(i), cat), cat));
		}
		if (entry.pause() != null) {
			String pause = text(entry.pause(), at, "pause", null);
			try {
				script.pause(Duration.parse(pause));
			} catch (DateTimeParseException e) {
				throw new CatalogException(at + ".pause", "'" + pause + "' is not an ISO-8601 duration, like PT0.05S for 50 ms");
			}
		}
		JsonNode breakOff = entry.breakOffAfter();
		if (breakOff != null && !breakOff.isNull()) {
			if (!breakOff.isInt()) {
				throw new CatalogException(at + ".breakOffAfter", "must be a number of chunks, not " + breakOff);
			}
			script.breakOffAfter(breakOff.intValue());
		}
		String grpc = grpcMethod(entry.grpc(), at, "yandex.cloud.ai.foundation_models.v1.TextGenerationService/Completion");
		try {
			return new StreamSpec(format, when.substring(5), script.build(), grpc);
		} catch (IllegalArgumentException e) {
			throw new CatalogException(at, e.getMessage());
		}
	}

	/** Checks an optional {@code "grpc"} naming one method (no wildcard); empty when absent. */
	private static String grpcMethod(String value, String at, String example) {
		String grpc = text(value, at, "grpc", "");
		if (!grpc.isEmpty() && (!Patterns.GRPC_METHOD.matcher(grpc).matches() || grpc.endsWith("*"))) {
			throw new CatalogException(at + ".grpc", CatalogException.quote(grpc) + " is not a gRPC method; write pkg.Service/Method, like " + example);
		}
		return grpc;
	}

	/** One chunk: exactly one of {@code text}, {@code toolCall}, {@code finishReason}, {@code usage}. */
	private static StreamChunk chunk(ChunkEntry entry, String at) {
		int present = (entry.text() != null ? 1 : 0) + (entry.toolCall() != null ? 1 : 0) + (entry.finishReason() != null ? 1 : 0)
				+ (entry.usage() != null ? 1 : 0);
		if (present != 1) {
			throw new CatalogException(at, "must hold exactly one of finishReason, text, toolCall, usage");
		}
		try {
			if (entry.text() != null) {
				if (!entry.text().isTextual()) {
					throw new CatalogException(at + ".text", "must be a string, not " + entry.text());
				}
				return new StreamChunk.Text(entry.text().textValue());
			}
			if (entry.toolCall() != null) {
				String cat = at + ".toolCall";
				ToolCallEntry call = object(entry.toolCall().isNull() ? null : Documents.bind(entry.toolCall(), cat, ToolCallEntry.class), cat);
				JsonNode arguments = required(call.arguments() == null || call.arguments().isNull() ? null : call.arguments(), cat, "arguments");
				if (!arguments.isObject()) {
					throw new CatalogException(cat + ".arguments", "must be a JSON object, not " + arguments);
				}
				return new StreamChunk.ToolCall(text(call.id(), cat, "id", null), text(call.name(), cat, "name", null), arguments.toString());
			}
			if (entry.finishReason() != null) {
				JsonNode reason = entry.finishReason();
				if (reason.isNull()) {
					throw new CatalogException(at + ".finishReason", "is required");
				}
				if (!reason.isTextual() || reason.textValue().isBlank()) {
					throw new CatalogException(at + ".finishReason", "must be a non-empty string, not " + Documents.kind(reason));
				}
				return new StreamChunk.Finish(reason.textValue());
			}
			String uat = at + ".usage";
			UsageEntry usage = object(entry.usage().isNull() ? null : Documents.bind(entry.usage(), uat, UsageEntry.class), uat);
			return new StreamChunk.Usage(count(usage.promptTokens(), uat, "promptTokens"), count(usage.completionTokens(), uat, "completionTokens"));
		} catch (CatalogException e) {
			throw e;
		} catch (IllegalArgumentException e) {
			throw new CatalogException(at, e.getMessage());
		}
	}

	private static int count(JsonNode value, String at, String field) {
		required(value == null || value.isNull() ? null : value, at, field);
		if (!value.isInt() || value.intValue() < 0) {
			throw new CatalogException(at + "." + field, "must be a whole number ≥ 0, not " + value);
		}
		return value.intValue();
	}

	/** Checks a response object {@code {"status", "headers", "body", "grpc"}}; null gives {@code 200 {}}. */
	public static ResponseTemplate response(ResponseEntry entry, String at) {
		if (entry == null) {
			return ResponseTemplate.emptyJson();
		}
		int status = 200;
		JsonNode s = entry.status();
		if (s != null) {
			if (!s.isInt() || s.intValue() < 100 || s.intValue() > 599) {
				throw new CatalogException(at + ".status", "must be a number from 100 to 599, not " + Documents.kind(s));
			}
			status = s.intValue();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		JsonNode h = entry.headers();
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
		JsonNode body = entry.body();
		String text;
		if (body == null || body.isNull()) {
			text = "";
		} else if (body.isTextual()) {
			text = body.textValue();
		} else {
			text = body.toString();
			headers.putIfAbsent("Content-Type", "application/json");
		}
		return new ResponseTemplate(status, headers, text, grpcMethod(entry.grpc(), at, "yandex.cloud.serverless.workflows.v1.ExecutionService/Start"));
	}

	// --- checks of bound values ------------------------------------------------

	/** A list element or nested object written as {@code null}: not an object. */
	private static <T> T object(T value, String at) {
		if (value == null) {
			throw new CatalogException(at, "must be an object");
		}
		return value;
	}

	private static <T> T required(T value, String at, String field) {
		if (value == null) {
			throw new CatalogException(at + "." + field, "is required");
		}
		return value;
	}

	private static String text(String value, String at, String field, String fallback) {
		if (value == null) {
			if (fallback == null) {
				throw new CatalogException(at + "." + field, "is required");
			}
			return fallback;
		}
		if (value.isBlank()) {
			throw new CatalogException(at + "." + field, "must be a non-empty string, not a blank string");
		}
		return value;
	}

	private static boolean bool(Boolean value, boolean fallback) {
		return value == null ? fallback : value;
	}

	private static List<String> strings(List<String> values, String at, String field) {
		if (values == null) {
			return List.of();
		}
		for (int i = 0; i < values.size(); i++) {
			String item = values.get(i);
			if (item == null || item.isBlank()) {
				throw new CatalogException(at + "." + field + "[" + i + "]", "must be a non-empty string, not " + (item == null ? "null" : "a blank string"));
			}
		}
		return values;
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
