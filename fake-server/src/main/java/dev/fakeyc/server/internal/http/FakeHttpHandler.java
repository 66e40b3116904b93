package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.Responder;
import dev.fakeyc.server.StreamScript;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.internal.answer.EndpointAnswer;
import dev.fakeyc.server.internal.answer.ErrorBodies;
import dev.fakeyc.server.internal.answer.RequestIds;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.catalog.ErrorStyle;
import dev.fakeyc.server.internal.catalog.FolderSource;
import dev.fakeyc.server.internal.catalog.ResponseTemplate;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.catalog.RouteMatch;
import dev.fakeyc.server.internal.catalog.RouteRefusal;
import dev.fakeyc.server.internal.catalog.StreamSpec;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.AccessCheck;
import dev.fakeyc.server.internal.decision.RequestFacts;
import dev.fakeyc.server.internal.decision.Verdict;
import dev.fakeyc.server.internal.journal.JournalEntry;
import dev.fakeyc.server.internal.journal.MaskedHeaders;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The request path as one handler: route, credential, decision, answer, journal. Everything runs on
 * the IO thread except a {@link Responder}, which is dispatched to a worker.
 */
public final class FakeHttpHandler implements HttpHandler {
	static final HttpString REQUEST_ID = HttpString.tryFromString("x-request-id");
	static final HttpString TRACE_ID = HttpString.tryFromString("x-server-trace-id");
	static final HttpString ENVOY_FLAGS = HttpString.tryFromString("x-envoy-response-flags");
	private static final String CONTROL_PREFIX = "/_fakeyc/";

	private final AtomicReference<Catalog> catalog;
	private final AccessCheck access;
	private final Clock clock;
	private final Stubs stubs;
	private final Endpoints endpoints;
	private final Consumer<JournalEntry> journal;
	private final AtomicReference<HttpHandler> control;

	/**
	 * A handler whose journal takes entries as recorded: the {@link dev.fakeyc.server.RecordedRequest} of each is built
	 * only if someone reads it ({@link JournalEntry#recorded()}).
	 */
	public FakeHttpHandler(AtomicReference<Catalog> catalog, AccessCheck access, Clock clock, Stubs stubs, Endpoints endpoints,
			Consumer<JournalEntry> journal, AtomicReference<HttpHandler> control) {
		this.catalog = catalog;
		this.access = access;
		this.clock = clock;
		this.stubs = stubs;
		this.endpoints = endpoints;
		this.journal = journal;
		this.control = control;
	}

	@Override
	public void handleRequest(HttpServerExchange exchange) {
		String path = exchange.getRequestPath();
		if (path.startsWith(CONTROL_PREFIX) || path.equals("/_fakeyc")) {
			handleControl(exchange);
			return;
		}
		long length = exchange.getRequestContentLength();
		if (length < 0 && exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)) {
			// a chunked body's size is known only by reading it: read it first, so one over the limit gets 413
			BodyReader.read(exchange, this::handle);
		} else {
			// a body of declared length (LimitsHandler checked it) is read only once the route shows it is needed
			handle(exchange, length > 0 ? null : Answers.EMPTY);
		}
	}

	private void handleControl(HttpServerExchange exchange) {
		HttpHandler handler = control.get();
		if (handler == null) {
			Answers.noRoute(exchange, RequestIds.requestId());
			return;
		}
		try {
			handler.handleRequest(exchange);
		} catch (Exception e) {
			Answers.plainError(exchange, 500, "control API failed: " + e);
		}
	}

	/** {@code body} is null while a body of declared length is still unread. */
	private void handle(HttpServerExchange exchange, byte[] body) {
		String requestId = RequestIds.requestId();
		HeaderMap headers = exchange.getRequestHeaders();
		String method = exchange.getRequestMethod().toString();
		RouteMatch match = catalog.get().match(headers.getFirst(Headers.HOST), exchange.getRequestPath(), method);
		Route route = match.route();
		Credential credential = Credential.parse(headers.getFirst(Headers.AUTHORIZATION));
		if (route == null) {
			journal.accept(entry(exchange, requestId, match, credential, null, 404));
			Answers.noRoute(exchange, requestId);
			return;
		}
		if (body == null && needsBody(route)) {
			BodyReader.read(exchange, (ex, read) -> decide(ex, requestId, match, credential, read));
			return;
		}
		decide(exchange, requestId, match, credential, body);
	}

	/** Whether deciding or answering with the route's default response reads the body (a stub may still, see accept). */
	private static boolean needsBody(Route route) {
		if (route.response().readsBody() || route.stream() != null || !route.refusals().isEmpty() || !route.service().folderUris().isEmpty()) {
			return true;
		}
		for (FolderSource source : route.service().folderSources()) {
			if (source.needsBody()) {
				return true;
			}
		}
		return false;
	}

	private void decide(HttpServerExchange exchange, String requestId, RouteMatch match, Credential credential, byte[] body) {
		Route route = match.route();
		BodyFields fields = new BodyFields(body == null ? Answers.EMPTY : body, exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
		RequestFacts facts = new RequestFacts(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
				folder(route.service().folderSources(), exchange, fields, false), folder(route.service().folderUris(), exchange, fields, true));
		Verdict verdict = access.decide(route, credential, facts); // authentication, then the authorization stage
		if (verdict.outcome() == Outcome.REJECTED) {
			journal.accept(entry(exchange, requestId, match, credential, verdict, verdict.httpStatus()));
			reject(exchange, route.errorStyle(), verdict, requestId);
			return;
		}
		for (RouteRefusal refusal : route.refusals()) {
			if (refusal.equals().equals(fields.text(refusal.field()))) {
				Verdict refused = new Verdict(Outcome.REJECTED, refusal.status(), refusal.grpcCode(), refusal.message(),
						() -> "the route refuses " + refusal.field() + " '" + refusal.equals() + "': " + refusal.message(), verdict.subjectId(),
						verdict.folderId());
				journal.accept(entry(exchange, requestId, match, credential, refused, refused.httpStatus()));
				reject(exchange, route.errorStyle(), refused, requestId);
				return;
			}
		}
		accept(exchange, match, credential, verdict, requestId, body, fields);
	}

	private static void reject(HttpServerExchange exchange, ErrorStyle style, Verdict verdict, String requestId) {
		exchange.setStatusCode(verdict.httpStatus());
		Answers.commonHeaders(exchange, requestId);
		exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
		exchange.getResponseSender().send(ByteBuffer.wrap(
				ErrorBodies.body(style, verdict.httpStatus(), verdict.grpcCode(), verdict.message(), requestId)));
	}

	private void accept(HttpServerExchange exchange, RouteMatch match, Credential credential, Verdict verdict, String requestId,
			byte[] body, BodyFields fields) {
		Route route = match.route();
		String method = exchange.getRequestMethod().toString();
		String[] segments = match.segments();
		StreamSpec stream = route.stream();
		if (stream != null && fields.flag(stream.when())) {
			Stubs.Entry stub = stubs.isEmpty() ? null : stubs.find(method, segments, true);
			if (stub == null || stub.stream() != null) {
				stream(exchange, match, credential, verdict, requestId, fields, stub == null ? stream.script() : stub.stream());
				return;
			}
			// a responder set after any stream script answers streamed requests too, with what it returns
		}
		Responder responder = stubs.isEmpty() ? null : stubs.find(method, segments);
		Endpoints.Endpoint endpoint = responder != null || endpoints.isEmpty() ? null : endpoints.find(method, segments);
		if (responder == null && endpoint == null) {
			ResponseTemplate template = route.response();
			journal.accept(entry(exchange, requestId, match, credential, verdict, template.status()));
			byte[] bytes = template.render(key -> placeholder(key, requestId, verdict, route, segments, fields));
			Answers.send(exchange, requestId, template.status(), template.headerNames(), template.headerValues(), bytes);
			return;
		}
		Responder chosen = responder;
		if (body == null) {
			// the responder gets the body: read it now (the route alone did not need it)
			BodyReader.read(exchange, (ex, read) -> ex.dispatch(() -> respond(ex, match, credential, verdict, requestId, read, chosen, endpoint)));
			return;
		}
		exchange.dispatch(() -> respond(exchange, match, credential, verdict, requestId, body, chosen, endpoint));
	}

	/** An accepted request that asked for a stream: the script rendered in the route's format (reference §9.5). */
	private void stream(HttpServerExchange exchange, RouteMatch match, Credential credential, Verdict verdict, String requestId, BodyFields fields,
			StreamScript script) {
		journal.accept(entry(exchange, requestId, match, credential, verdict, 200));
		Answers.commonHeaders(exchange, requestId);
		StreamRenderer.Context context = new StreamRenderer.Context(fields.text("model"), fields.flag("stream_options.include_usage"),
				clock.instant().getEpochSecond());
		StreamWriter.start(exchange, StreamRenderer.of(match.route().stream().format(), context), script);
	}

	/**
	 * Answers with the test's responder or, when none, one of the fake's own endpoints (token exchange, key
	 * management…), whose refusals are the cloud's and are journaled as rejections, typed.
	 */
	private void respond(HttpServerExchange exchange, RouteMatch match, Credential credential, Verdict verdict, String requestId,
			byte[] body, Responder responder, Endpoints.Endpoint endpoint) {
		Route route = match.route();
		JournalEntry entry = entry(exchange, requestId, match, credential, verdict, 200);
		StubResponse response;
		Verdict refused = null;
		try {
			String text = new String(body, StandardCharsets.UTF_8);
			if (responder != null) {
				response = responder.respond(entry.recorded(), text);
			} else {
				EndpointAnswer answer = endpoint.answer(entry.recorded(), text);
				response = answer.response();
				refused = answer.refused() ? refusal(verdict, response.status(), answer) : null;
			}
		} catch (RuntimeException e) {
			journal.accept(entry.withStatus(500, "the test's responder threw " + e));
			Answers.plainError(exchange, 500, "the test's responder for " + route + " threw " + e.getClass().getName() + ": " + e.getMessage());
			return;
		}
		if (refused != null) {
			journal.accept(entry(exchange, requestId, match, credential, refused, response.status()));
		} else {
			journal.accept(entry.withStatus(response.status(), null));
		}
		Answers.send(exchange, requestId, response.status(), response.headers(), response.body());
	}

	/** A refusal by one of the fake's own endpoints, from its typed answer. */
	private static Verdict refusal(Verdict accepted, int status, EndpointAnswer answer) {
		String text = answer.message();
		return new Verdict(Outcome.REJECTED, status, answer.grpcCode(), text, () -> "the endpoint refused the request: " + text,
				accepted.subjectId(), accepted.folderId());
	}

	private String placeholder(String key, String requestId, Verdict verdict, Route route, String[] segments, BodyFields fields) {
		return switch (key) {
			case "uuid" -> RequestIds.requestId();
			case "requestId" -> requestId;
			case "id" -> Answers.operationId();
			case "now" -> DateTimeFormatter.ISO_INSTANT.format(clock.instant());
			case "epochSeconds" -> Long.toString(clock.instant().getEpochSecond());
			case "folderId" -> verdict.folderId();
			case "subjectId" -> verdict.subjectId();
			default -> {
				if (key.startsWith("body:")) {
					yield fields.text(key.substring(5));
				}
				if (key.startsWith("count:")) {
					yield Integer.toString(fields.count(key.substring(6)));
				}
				if (key.startsWith("path:")) {
					yield route.path().variable(key.substring(5), segments);
				}
				yield null;
			}
		};
	}

	private static String folder(List<FolderSource> sources, HttpServerExchange exchange, BodyFields fields, boolean uri) {
		if (sources.isEmpty()) {
			return ""; // most services name no folder: skip the iterator
		}
		for (FolderSource source : sources) {
			String value = switch (source.kind()) {
				case HEADER -> exchange.getRequestHeaders().getFirst(source.name());
				case QUERY -> {
					Deque<String> values = exchange.getQueryParameters().get(source.name());
					yield values == null ? null : values.peekFirst();
				}
				case BODY, URI -> fields.text(source.name());
				case FIELD -> null; // a protobuf field: the gRPC front's
			};
			if (value == null) {
				continue;
			}
			value = value.strip();
			if (uri || source.kind() == FolderSource.Kind.URI) {
				value = uriAuthority(value);
			}
			if (!value.isEmpty()) {
				return value;
			}
		}
		return "";
	}

	/** {@code gpt://b1g…/yandexgpt/latest} → {@code b1g…}; anything else → empty. */
	static String uriAuthority(String uri) {
		int scheme = uri.indexOf("://");
		if (scheme <= 0) {
			return "";
		}
		int start = scheme + 3;
		int end = uri.indexOf('/', start);
		return uri.substring(start, end < 0 ? uri.length() : end);
	}

	/** Undertow's request headers as the journal's transport-neutral source: the map itself, walked on demand. */
	static MaskedHeaders.Source headersOf(HeaderMap headers) {
		return each -> {
			for (io.undertow.util.HeaderValues values : headers) {
				String name = values.getHeaderName().toString();
				for (int i = 0; i < values.size(); i++) {
					each.accept(name, values.get(i));
				}
			}
		};
	}

	/** The journal entry: what the request thread has at hand; the record is built from it when read. */
	private JournalEntry entry(HttpServerExchange exchange, String requestId, RouteMatch match, Credential credential, Verdict verdict,
			int status) {
		return new JournalEntry(clock.instant(), requestId, exchange.getRequestMethod().toString(), match.path(), exchange.getQueryString(),
				match.host(), MaskedHeaders.of(headersOf(exchange.getRequestHeaders())), credential, match.route(), verdict, status, null);
	}
}
