package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.internal.answer.JsonBodies;
import org.apiguardian.api.API;

import dev.fakeyc.server.internal.answer.GrpcStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.Journal;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.internal.text.Excerpt;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The control API under {@code /_fakeyc/}: health, the journal (read a page, clear), adding
 * credentials in the config file's format, the metadata attachment, and reset. It answers loopback
 * clients only unless told otherwise, and a document it cannot parse is refused with 400 before
 * anything changes. Every answer is bounded: the journal is read in pages of at most
 * {@link #MAX_PAGE_REQUESTS} requests and about {@link #MAX_PAGE_BYTES} bytes, and messages quote
 * what the client sent only cut short.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ControlHandler implements HttpHandler {

	private final Journal journal;
	private final Consumer<String> addCredentials;
	private final Runnable reset;
	private final java.util.function.Function<String, String> attachMetadata;
	private final boolean allowRemote;
	private final java.util.function.Supplier<AccessReport> accessReport;
	private final long maxBodySize;

	/**
	 * @param addCredentials parses and applies a config document; throws IllegalArgumentException
	 *                       (with the JSON path) when it cannot, having changed nothing
	 * @param accessReport   the least-privilege report over the journal (issue 16)
	 * @param maxBodySize    the most bytes of a request body read (413 past it), the fake's body limit
	 */
	public ControlHandler(Journal journal, Consumer<String> addCredentials, Runnable reset,
			java.util.function.Function<String, String> attachMetadata, boolean allowRemote, java.util.function.Supplier<AccessReport> accessReport,
			long maxBodySize) {
		this.accessReport = accessReport;
		this.maxBodySize = maxBodySize;
		this.journal = journal;
		this.addCredentials = addCredentials;
		this.reset = reset;
		this.attachMetadata = attachMetadata;
		this.allowRemote = allowRemote;
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) {
		if (!allowRemote && !fromLoopback(exchange)) {
			error(exchange, 403, GrpcStatus.PERMISSION_DENIED.code(), "the control API answers loopback clients only; start fakeyc with --allow-remote-control to open it to others");
			return;
		}
		String path = exchange.getRequestPath();
		String method = exchange.getRequestMethod().toString();
		switch (method + " " + path) {
			case "GET /_fakeyc/health" -> json(exchange, 200, "{\"status\":\"ok\",\"journalSize\":" + journal.size() + "}");
			case "GET /_fakeyc/journal" -> journalPage(exchange);
			case "DELETE /_fakeyc/journal" -> {
				journal.clear();
				json(exchange, 200, "{\"status\":\"cleared\"}");
			}
			case "GET /_fakeyc/access-report" -> json(exchange, 200, accessReportJson(accessReport.get()));
			case "POST /_fakeyc/reset" -> {
				reset.run();
				json(exchange, 200, "{\"status\":\"reset\"}");
			}
			case "POST /_fakeyc/credentials" -> BodyReader.read(exchange, maxBodySize, this::credentials);
			case "PUT /_fakeyc/metadata" -> BodyReader.read(exchange, maxBodySize, this::metadata);
			default -> error(exchange, 404, GrpcStatus.NOT_FOUND.code(), "no control endpoint " + Excerpt.of(method, 32) + " " + Excerpt.of(path, 256)
					+ "; there are GET /_fakeyc/health, GET and DELETE /_fakeyc/journal, GET /_fakeyc/access-report, POST /_fakeyc/credentials, PUT /_fakeyc/metadata, POST /_fakeyc/reset");
		}
	}

	private void credentials(HttpServerExchange exchange, byte[] body) {
		try {
			addCredentials.accept(new String(body, StandardCharsets.UTF_8));
			json(exchange, 200, "{\"status\":\"registered\"}");
		} catch (IllegalArgumentException e) {
			error(exchange, 400, GrpcStatus.INVALID_ARGUMENT.code(), e.getMessage());
		}
	}

	private void metadata(HttpServerExchange exchange, byte[] body) {
		com.fasterxml.jackson.databind.JsonNode id;
		try {
			com.fasterxml.jackson.databind.JsonNode json = JsonBodies.mapper().readTree(body);
			id = json == null || !json.isObject() ? null : json.get("serviceAccountId");
		} catch (java.io.IOException | RuntimeException e) {
			id = null;
		}
		if (id == null || !(id.isTextual() || id.isNull())) {
			error(exchange, 400, GrpcStatus.INVALID_ARGUMENT.code(), "send {\"serviceAccountId\":\"<id>\"} to attach a service account, or {\"serviceAccountId\":null} to detach it");
			return;
		}
		String problem = attachMetadata.apply(id.isNull() ? null : id.textValue());
		if (problem != null) {
			error(exchange, 400, GrpcStatus.INVALID_ARGUMENT.code(), problem);
		} else {
			json(exchange, 200, id.isNull() ? "{\"status\":\"detached\"}" : "{\"status\":\"attached\"}");
		}
	}

	/** The most requests one journal answer holds unless {@code limit} asks for fewer. */
	static final int MAX_PAGE_REQUESTS = 1000;
	/** The most bytes (estimated) one journal answer holds; past it the answer ends and says where the next page starts. */
	static final long MAX_PAGE_BYTES = 1024 * 1024;

	/** {@code GET /_fakeyc/journal[?from=N][&limit=M]}: one page, {@code {"requests":[…],"next":N,"more":bool}}. */
	private void journalPage(HttpServerExchange exchange) {
		long from;
		int limit;
		try {
			from = number(exchange, "from", 0, Long.MAX_VALUE);
			limit = (int) number(exchange, "limit", MAX_PAGE_REQUESTS, MAX_PAGE_REQUESTS);
		} catch (IllegalArgumentException e) {
			error(exchange, 400, GrpcStatus.INVALID_ARGUMENT.code(), e.getMessage());
			return;
		}
		json(exchange, 200, journalJson(journal.page(from, limit, MAX_PAGE_BYTES)));
	}

	/** A whole-number query parameter from 0 (from 1 for limit) to {@code max}, checked before it is used. */
	private static long number(HttpServerExchange exchange, String name, long absent, long max) {
		java.util.Deque<String> values = exchange.getQueryParameters().get(name);
		if (values == null || values.isEmpty()) {
			return absent;
		}
		String text = values.peekFirst();
		long min = name.equals("limit") ? 1 : 0;
		if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("query parameter " + name + " must be a whole number from " + min + " to " + max + ", not '"
					+ Excerpt.of(text, 32) + "'");
		}
		long value = Long.parseLong(text); // 19 digits fit a long
		if (value < min || value > max) {
			throw new IllegalArgumentException("query parameter " + name + " must be from " + min + " to " + max + ", not " + value);
		}
		return value;
	}

	private static boolean fromLoopback(HttpServerExchange exchange) {
		InetSocketAddress source = exchange.getSourceAddress();
		return source != null && source.getAddress() != null && source.getAddress().isLoopbackAddress();
	}

	static String journalJson(Journal.Page page) {
		ArrayNode list = JsonBodies.mapper().createArrayNode();
		for (RecordedRequest r : page.requests()) {
			ObjectNode n = list.addObject();
			n.put("at", r.at().toString());
			n.put("requestId", r.requestId());
			n.put("method", r.method());
			n.put("path", r.path());
			n.put("query", r.query());
			n.put("host", r.host());
			n.put("scheme", r.scheme());
			n.put("credential", r.credential());
			n.put("subjectId", r.subjectId());
			n.put("folderId", r.folderId());
			n.put("service", r.service());
			n.put("resource", r.resource());
			n.put("outcome", r.outcome().name());
			n.put("status", r.status());
			n.put("message", r.message());
			n.put("reason", r.reason());
			n.put("resourceType", r.resourceType());
			n.put("resourceId", r.resourceId());
			ObjectNode headers = n.putObject("headers");
			for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
				ArrayNode values = headers.putArray(h.getKey());
				h.getValue().forEach(values::add);
			}
		}
		ObjectNode root = JsonBodies.mapper().createObjectNode();
		root.set("requests", list);
		root.put("next", page.next());
		root.put("more", page.more());
		return root.toString();
	}

	/**
	 * {@code GET /_fakeyc/access-report}: {@code {"accounts":[{"subjectId","neededRoles":[{"roleId","resourceType","resourceId"}],
	 * "refused":[{"requestId","method","path","status","message"}]}]}}.
	 */
	static String accessReportJson(AccessReport report) {
		ObjectNode root = JsonBodies.mapper().createObjectNode();
		ArrayNode accounts = root.putArray("accounts");
		for (AccessReport.Account a : report.accounts()) {
			ObjectNode n = accounts.addObject();
			n.put("subjectId", a.subjectId());
			ArrayNode needed = n.putArray("neededRoles");
			for (dev.fakeyc.server.AccessBinding b : a.neededRoles()) {
				needed.addObject().put("roleId", b.roleId()).put("resourceType", b.resourceType()).put("resourceId", b.resourceId());
			}
			ArrayNode refused = n.putArray("refused");
			for (RecordedRequest r : a.refused()) {
				refused.addObject().put("requestId", r.requestId()).put("method", r.method()).put("path", r.path()).put("status", r.status())
						.put("message", r.message());
			}
		}
		return root.toString();
	}

	private static void json(HttpServerExchange exchange, int status, String body) {
		exchange.setStatusCode(status);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
		exchange.getResponseSender().send(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
	}

	private static void error(HttpServerExchange exchange, int status, int code, String message) {
		Answers.error(exchange, status, code, message);
	}
}
