package dev.fakeyc.server.internal.http;

import org.apiguardian.api.API;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.Responder;
import dev.fakeyc.server.StreamScript;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.internal.answer.EndpointAnswer;
import dev.fakeyc.server.internal.answer.RequestIds;
import dev.fakeyc.server.internal.answer.TemplateValues;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.catalog.ResponseTemplate;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.catalog.RouteMatch;
import dev.fakeyc.server.internal.catalog.StreamSpec;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.AccessCheck;
import dev.fakeyc.server.internal.decision.Verdict;
import dev.fakeyc.server.internal.journal.JournalEntry;
import dev.fakeyc.server.internal.journal.JournalSink;
import dev.fakeyc.server.internal.journal.MaskedHeaders;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP transport's request path, an orchestrator read top-down; each stage is its own package, which knows no
 * HTTP:
 * <ol>
 * <li>route: the catalog ({@code internal.catalog}) matches host, path and method;</li>
 * <li>credential: {@link Credential#parse} reads the {@code Authorization} header;</li>
 * <li>decision: {@link AccessCheck} ({@code internal.decision}) runs authentication, the authorization stage and the
 * route's own refusals on the request's values ({@link HttpFields});</li>
 * <li>answer: a refusal in the service's error style ({@code internal.answer}), the route's default response with its
 * {@link TemplateValues}, a stream, a test's stub or one of the fake's own endpoints;</li>
 * <li>journal: what this thread has at hand, into the journal's {@link JournalSink} (its ring keeps it in a reused slot;
 * the {@link JournalEntry} and its record are made when someone reads them).</li>
 * </ol>
 * Everything runs on the IO thread except a {@link Responder} or endpoint, which is dispatched to a worker. A new
 * decision stage plugs into {@link AccessCheck} (the engine builds it), a new transport calls the same stages: neither
 * edits this class.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
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
	private final JournalSink journal;
	private final AtomicReference<HttpHandler> control;
	private final long maxBodySize;

	/**
	 * A handler whose journal takes entries as recorded: the {@link dev.fakeyc.server.RecordedRequest} of each is built
	 * only if someone reads it ({@link JournalEntry#recorded()}). {@code maxBodySize} is the most bytes of a body it
	 * reads (a chunked body past it gets 413): the limit {@link LimitsHandler} checks a declared Content-Length against.
	 */
	public FakeHttpHandler(AtomicReference<Catalog> catalog, AccessCheck access, Clock clock, Stubs stubs, Endpoints endpoints,
			JournalSink journal, AtomicReference<HttpHandler> control, long maxBodySize) {
		this.catalog = catalog;
		this.access = access;
		this.clock = clock;
		this.stubs = stubs;
		this.endpoints = endpoints;
		this.journal = journal;
		this.control = control;
		this.maxBodySize = maxBodySize;
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
			BodyReader.read(exchange, maxBodySize, this::handle);
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
		// 1. route, 2. credential
		RouteMatch match = catalog.get().match(headers.getFirst(Headers.HOST), exchange.getRequestPath(), exchange.getRequestMethod().toString());
		Credential credential = Credential.parse(headers.getFirst(Headers.AUTHORIZATION));
		if (match.route() == null) { // 5. journal, 4. answer: the cloud's 404 for an unknown route
			record(exchange, requestId, match, credential, null, 404);
			Answers.noRoute(exchange, requestId);
		} else if (body == null && match.route().readsBody()) {
			BodyReader.read(exchange, maxBodySize, (ex, read) -> decide(ex, requestId, match, credential, read));
		} else {
			decide(exchange, requestId, match, credential, body);
		}
	}

	private void decide(HttpServerExchange exchange, String requestId, RouteMatch match, Credential credential, byte[] body) {
		HttpFields fields = new HttpFields(exchange, body == null ? Answers.EMPTY : body);
		// 3. decision: authentication, authorization, the route's refusals
		Verdict verdict = access.decide(match.route(), credential, exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), fields);
		if (verdict.outcome() == Outcome.REJECTED) { // 5. journal, 4. answer: the refusal in the service's error style
			record(exchange, requestId, match, credential, verdict, verdict.httpStatus());
			Answers.refusal(exchange, match.route().errorStyle(), verdict, requestId);
		} else {
			accept(exchange, match, credential, verdict, requestId, body, fields);
		}
	}

	/** 4. answer and 5. journal for an accepted request: a stream, a stub, one of the fake's endpoints, or the route's default. */
	private void accept(HttpServerExchange exchange, RouteMatch match, Credential credential, Verdict verdict, String requestId,
			byte[] body, HttpFields fields) {
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
			record(exchange, requestId, match, credential, verdict, template.status());
			byte[] bytes = template.render(new TemplateValues(clock, requestId, verdict.subjectId(), verdict.folderId(), route, segments, fields));
			Answers.send(exchange, requestId, template.status(), template.headerNames(), template.headerValues(), bytes);
			return;
		}
		Responder chosen = responder;
		if (body == null) {
			// the responder gets the body: read it now (the route alone did not need it)
			BodyReader.read(exchange, maxBodySize, (ex, read) -> ex.dispatch(() -> respond(ex, match, credential, verdict, requestId, read, chosen, endpoint)));
			return;
		}
		exchange.dispatch(() -> respond(exchange, match, credential, verdict, requestId, body, chosen, endpoint));
	}

	/** An accepted request that asked for a stream: the script rendered in the route's format (reference §9.5). */
	private void stream(HttpServerExchange exchange, RouteMatch match, Credential credential, Verdict verdict, String requestId, HttpFields fields,
			StreamScript script) {
		record(exchange, requestId, match, credential, verdict, 200);
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
		EndpointAnswer answer = null;
		try {
			String text = new String(body, StandardCharsets.UTF_8);
			if (responder != null) {
				response = responder.respond(entry.recorded(), text);
			} else {
				answer = endpoint.answer(entry.recorded(), text);
				response = answer.response();
				refused = answer.refused() ? verdict.refusedByEndpoint(response.status(), answer.grpcCode(), answer.message()) : null;
			}
		} catch (RuntimeException e) {
			journal.append(entry.withStatus(500, "the test's responder threw " + e));
			Answers.plainError(exchange, 500, "the test's responder for " + route + " threw " + e.getClass().getName() + ": " + e.getMessage());
			return;
		}
		JournalEntry done = refused != null ? entry(exchange, requestId, match, credential, refused, response.status())
				: entry.withStatus(response.status(), null);
		journal.append(answer == null ? done : done.actedOn(answer.resourceType(), answer.resourceId()));
		Answers.send(exchange, requestId, response.status(), response.headers(), response.body());
	}

	/** Undertow's request headers as the journal's transport-neutral source: the map itself, walked on demand. */
	static MaskedHeaders.Source headersOf(HeaderMap headers) {
		return new ExchangeHeaders(headers);
	}

	/**
	 * Undertow's request headers, walked for the journal. The credential was parsed from the map's first
	 * {@code Authorization} value ({@link #handle}): that object is its {@link MaskedHeaders.Source#credentialHeader}.
	 */
	private record ExchangeHeaders(HeaderMap headers) implements MaskedHeaders.Source {
		@Override
		public void forEach(java.util.function.BiConsumer<String, String> each) {
			// Undertow's cookie walk: no iterator, and no look at the empty slots of the map's table
			for (long cookie = headers.fastIterateNonEmpty(); cookie != -1L; cookie = headers.fiNextNonEmpty(cookie)) {
				io.undertow.util.HeaderValues values = headers.fiCurrent(cookie);
				String name = values.getHeaderName().toString();
				for (int i = 0; i < values.size(); i++) {
					each.accept(name, values.get(i));
				}
			}
		}

		@Override
		public String credentialHeader() {
			return headers.getFirst(Headers.AUTHORIZATION);
		}
	}

	/** Journals the request from what the request thread has at hand; the record is built from it when read. */
	private void record(HttpServerExchange exchange, String requestId, RouteMatch match, Credential credential, Verdict verdict, int status) {
		journal.record(clock.instant(), requestId, exchange.getRequestMethod().toString(), match.path(), exchange.getQueryString(), match.host(),
				headersOf(exchange.getRequestHeaders()), credential, match.route(), verdict, status);
	}

	/** The journal entry, for a request whose record a responder or endpoint reads before it is journaled. */
	private JournalEntry entry(HttpServerExchange exchange, String requestId, RouteMatch match, Credential credential, Verdict verdict,
			int status) {
		return new JournalEntry(clock.instant(), requestId, exchange.getRequestMethod().toString(), match.path(), exchange.getQueryString(),
				match.host(), headersOf(exchange.getRequestHeaders()), credential, match.route(), verdict, status, null);
	}
}
