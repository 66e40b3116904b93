package dev.fakeyc.server.internal.grpc;

import org.apiguardian.api.API;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Responder;
import dev.fakeyc.server.StreamChunk;
import dev.fakeyc.server.StreamScript;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.internal.answer.EndpointAnswer;
import dev.fakeyc.server.internal.answer.GrpcStatus;
import dev.fakeyc.server.internal.answer.JsonBodies;
import dev.fakeyc.server.internal.answer.RequestIds;
import dev.fakeyc.server.internal.answer.TemplateValues;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.catalog.RequestFields;
import dev.fakeyc.server.internal.catalog.PathTemplate;
import dev.fakeyc.server.internal.catalog.ResponseTemplate;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.decision.AccessCheck;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.RequestFacts;
import dev.fakeyc.server.internal.decision.Verdict;
import dev.fakeyc.server.internal.http.Stubs;
import dev.fakeyc.server.internal.journal.JournalEntry;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The gRPC front's request path, one handler for every method: read the request message, route by the full method
 * name ({@link Catalog#grpcRoute}), take the credential from the {@code authorization} metadata and the folder from
 * the metadata and the message fields the catalog names, decide with the same {@link AccessCheck} as REST, journal,
 * then answer: a refusal as a gRPC status with the cloud's message; an accepted call with the fake's own answer
 * (discovery, the IAM token exchange), a test's stub, a stream, a finished {@code Operation}, or the empty message.
 *
 * <p>A refusal carries {@code x-request-id} and {@code x-server-trace-id} in its trailers (the REST front sends them
 * as headers; the Go and Node SDKs read them from metadata, reference §4(e)) and a {@code grpc-status-details-bin}
 * {@code google.rpc.Status} whose details hold a {@code google.rpc.RequestInfo} with the request id, as the REST
 * error body does (reference §4: for gRPC this is inferred, not observed).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GrpcAnswering implements ServerCallHandler<byte[], byte[]> {
	/** The discovery service: no credential (reference §0.9). */
	static final String DISCOVERY_LIST = "yandex.cloud.endpoint.ApiEndpointService/List";
	static final String DISCOVERY_GET = "yandex.cloud.endpoint.ApiEndpointService/Get";
	/** The IAM token exchange: no credential. */
	static final String IAM_CREATE = "yandex.cloud.iam.v1.IamTokenService/Create";
	private static final String AUTHORIZATION = "authorization";
	/** How many methods {@link #known} remembers (the client names them: bounded, so no client grows it without end). */
	private static final int KNOWN_METHODS = 4096;
	private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<String> TRACE_ID = Metadata.Key.of("x-server-trace-id", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<byte[]> STATUS_DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

	private final AtomicReference<Catalog> catalog;
	private final AccessCheck access;
	private final Clock clock;
	private final Stubs stubs;
	private final Consumer<JournalEntry> journal;
	private final BiFunction<RecordedRequest, String, EndpointAnswer> tokenExchange;
	private final Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> accessBindings;
	private final List<String> endpointIds;
	private final IntSupplier port;
	private final MethodShapes shapes = new MethodShapes();
	private final ReceivedMetadata.Names names = new ReceivedMetadata.Names();
	private final Map<String, KnownMethod> methods = new ConcurrentHashMap<>();
	private volatile ScheduledExecutorService scheduler;
	private volatile Executor workers = Runnable::run;

	/**
	 * @param catalog       the fake's catalog, as it is now
	 * @param access        the decision stage every transport shares
	 * @param clock         the fake's clock
	 * @param stubs         the test's stubs (a gRPC method is stubbed as {@code POST /pkg.Service/Method})
	 * @param journal       where each call's entry goes
	 * @param tokenExchange REST's {@code POST /iam/v1/tokens} answer, reused for {@code IamTokenService/Create}
	 * @param accessBindings the access-binding API's REST endpoints by gRPC method, taking the request message's JSON
	 *                       mapping ({@code AccessBindingEndpoints#grpcMethods})
	 * @param endpointIds   every service id discovery answers for
	 * @param port          the front's own port, once started
	 */
	public GrpcAnswering(AtomicReference<Catalog> catalog, AccessCheck access, Clock clock, Stubs stubs, Consumer<JournalEntry> journal,
			BiFunction<RecordedRequest, String, EndpointAnswer> tokenExchange, Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> accessBindings,
			List<String> endpointIds, IntSupplier port) {
		this.catalog = catalog;
		this.access = access;
		this.clock = clock;
		this.stubs = stubs;
		this.journal = journal;
		this.tokenExchange = tokenExchange;
		this.accessBindings = Map.copyOf(accessBindings);
		this.endpointIds = List.copyOf(endpointIds);
		this.port = port;
	}

	/**
	 * Where the front runs what does not answer on the call's event loop.
	 *
	 * @param loops   where streamed answers schedule their pauses (the front's own event loops)
	 * @param workers where a test's responder and the token exchange run (they may take long; the rest of a call is
	 *                answered on its event loop)
	 */
	void runOn(ScheduledExecutorService loops, Executor workers) {
		this.scheduler = loops;
		this.workers = workers;
	}

	/** Runs part of a call's answer on a worker; if that fails or throws, the call still ends (INTERNAL, or UNAVAILABLE when closing). */
	private void onWorker(Call c, Runnable work) {
		try {
			workers.execute(() -> {
				try {
					work.run();
				} catch (RuntimeException e) {
					try {
						c.close(Status.INTERNAL.withDescription("the fake failed answering " + c.method + ": " + e));
					} catch (IllegalStateException closedAlready) {
						// the answer had been sent: nothing more to end
					}
				}
			});
		} catch (RejectedExecutionException e) {
			c.close(Status.UNAVAILABLE.withDescription("the fake is closing"));
		}
	}

	/**
	 * A method's journal path and its route in one catalog: the catalog is immutable and replaced whole when it changes,
	 * so a route looked up in the catalog in force is good until the next one is.
	 *
	 * @param catalog  the catalog the route was looked up in
	 * @param route    the method's route there, or null for none
	 * @param notFound why no route answers the method (the journal's reason for {@code UNIMPLEMENTED}), or null
	 * @param path     {@code /pkg.Service/Method}, the journal's path
	 */
	private record KnownMethod(Catalog catalog, Route route, String notFound, String path) {
	}

	/** The method's route in the catalog in force now, looked up once per method and catalog. */
	private KnownMethod known(String method) {
		Catalog now = catalog.get();
		KnownMethod known = methods.get(method);
		if (known != null && known.catalog() == now) {
			return known;
		}
		Route route = now.grpcRoute(method);
		String notFound = null;
		if (route == null) {
			notFound = "no resource of the catalog names the gRPC method " + method;
		} else if (!now.namesGrpcMethodExactly(method) && shapes.of(method) == MethodShapes.ABSENT) {
			// a pattern (pkg.Service/* or yandex.cloud.**) covers it, but the service's generated classes (the SDK's, when
			// on the classpath) list no such method: a gRPC server answers that before any code of its own runs
			notFound = "the service's generated classes list no method " + method;
		}
		KnownMethod fresh = new KnownMethod(now, notFound == null ? route : null, notFound, known != null ? known.path() : "/" + method);
		if (known != null || methods.size() < KNOWN_METHODS) {
			methods.put(method, fresh);
		}
		return fresh;
	}

	@Override
	public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
		call.request(Integer.MAX_VALUE);
		return new ServerCall.Listener<>() {
			private byte[] first;
			private boolean answered;

			@Override
			public void onMessage(byte[] message) {
				if (first == null) {
					first = message; // unary and server-streaming calls send one; a client stream is decided on its first
				}
			}

			@Override
			public void onHalfClose() {
				if (!answered) {
					answered = true;
					answer(call, headers, first == null ? new byte[0] : first);
				}
			}
		};
	}

	/** One call, after its request message arrived. */
	private void answer(ServerCall<byte[], byte[]> call, Metadata headers, byte[] message) {
		String method = call.getMethodDescriptor().getFullMethodName();
		String requestId = RequestIds.requestId();
		KnownMethod known = known(method);
		ReceivedMetadata received = ReceivedMetadata.of(headers, names);
		Call c = new Call(call, received, known.path(), method, requestId, call.getAuthority() == null ? "" : call.getAuthority());
		Route route = known.route();
		String authorization = received.last(AUTHORIZATION);
		Credential credential = Credential.parse(authorization);
		if (known.notFound() != null) {
			journal.accept(c.entry(credential, null, null, 404, known.notFound()));
			c.close(Status.UNIMPLEMENTED.withDescription("Method not found: " + method));
			return;
		}
		RequestFacts facts;
		try {
			facts = RequestFacts.of(route, authorization, new CallFields(received, message));
		} catch (MalformedField e) {
			Verdict refused = new Verdict(Outcome.REJECTED, 400, GrpcStatus.INVALID_ARGUMENT.code(), "request message is not valid protobuf: " + e.getMessage(),
					() -> "the request message is not valid protobuf wire format: " + e.getMessage(), "", "");
			journal.accept(c.entry(credential, route, refused, 400, null));
			c.refuse(refused);
			return;
		}
		Verdict verdict = access.decide(route, credential, facts);
		if (verdict.outcome() == Outcome.REJECTED) {
			journal.accept(c.entry(credential, route, verdict, verdict.httpStatus(), null));
			c.refuse(verdict);
			return;
		}
		accept(c, route, credential, verdict, message);
	}

	private void accept(Call c, Route route, Credential credential, Verdict verdict, byte[] message) {
		switch (c.method) {
			case DISCOVERY_LIST -> {
				journal.accept(c.entry(credential, route, verdict, 200, null));
				c.reply(discovery(c));
				return;
			}
			case DISCOVERY_GET -> {
				String id;
				try {
					id = ProtoReader.string(message, new int[]{ 1 });
				} catch (ProtoReader.Malformed e) {
					id = null;
				}
				if (id == null || !endpointIds.contains(id)) {
					String text = "Endpoint " + id + " not found";
					Verdict refused = refusal(verdict, 404, GrpcStatus.NOT_FOUND.code(), text);
					journal.accept(c.entry(credential, route, refused, 404, null));
					c.refuse(refused);
					return;
				}
				journal.accept(c.entry(credential, route, verdict, 200, null));
				c.reply(endpoint(id, c).toByteArray());
				return;
			}
			case IAM_CREATE -> {
				onWorker(c, () -> exchange(c, route, credential, verdict, message));
				return;
			}
			default -> {
				// a test's stub, the access-binding API or the fake's default answer, below
			}
		}
		MethodShapes.Shape shape = shapes.of(c.method);
		if (!stubs.isEmpty()) {
			String[] segments = PathTemplate.split(c.path);
			StreamScript script = stubs.stream("POST", segments);
			if (script != null) {
				journal.accept(c.entry(credential, route, verdict, 200, null));
				stream(c, script);
				return;
			}
			Responder responder = stubs.find("POST", segments);
			if (responder != null) {
				onWorker(c, () -> respond(c, route, credential, verdict, message, shape, responder));
				return;
			}
		}
		BiFunction<RecordedRequest, String, EndpointAnswer> endpoint = accessBindings.get(c.method);
		if (endpoint != null) { // after the stubs, as REST's endpoints are
			accessBindings(c, route, credential, verdict, message, endpoint);
			return;
		}
		journal.accept(c.entry(credential, route, verdict, 200, null));
		if (route.stream() != null && (c.method.equals(route.stream().grpcMethod()) || shape.serverStreaming())) {
			stream(c, route.stream().script());
		} else if (shape.operation()) {
			c.reply(finishedOperation(verdict));
		} else {
			c.reply(templateMessage(c, route, verdict, message, shape));
		}
	}

	/**
	 * The success message of a method whose route's body is that message's JSON mapping (the catalog's
	 * {@code "response": {"grpc": …}}), rendered as REST renders it — {@code ${body:f}} and {@code ${path:f}} both read
	 * field {@code f} of the request message's JSON mapping — and encoded with the message classes on the classpath (the
	 * SDK's); the empty message where the route answers no such method or those classes are absent.
	 */
	private byte[] templateMessage(Call c, Route route, Verdict verdict, byte[] message, MethodShapes.Shape shape) {
		ResponseTemplate template = route.response();
		if (!c.method.equals(template.grpcMethod()) || shape.responsePrototype() == null) {
			return new byte[0];
		}
		CallFields fields = new CallFields(c.received, message, JsonBodies.parse(ProtoJson.toJson(shape.requestPrototype(), message)));
		TemplateValues values = new TemplateValues(clock, c.requestId, verdict.subjectId(), verdict.folderId(), route, null, fields);
		byte[] json = template.render(key -> key.startsWith("path:") ? fields.text(key.substring(5)) : values.apply(key));
		byte[] bytes = ProtoJson.toMessage(shape.responsePrototype(), new String(json, StandardCharsets.UTF_8));
		return bytes == null ? new byte[0] : bytes;
	}

	/** A test's responder: its JSON body becomes the response message (via JsonFormat), its 4xx/5xx a gRPC status. */
	private void respond(Call c, Route route, Credential credential, Verdict verdict, byte[] message, MethodShapes.Shape shape, Responder responder) {
		JournalEntry entry = c.entry(credential, route, verdict, 200, null);
		StubResponse response;
		try {
			String json = ProtoJson.toJson(shape.requestPrototype(), message);
			response = responder.respond(entry.recorded(), json == null ? "" : json);
		} catch (RuntimeException e) {
			journal.accept(entry.withStatus(500, "the test's responder threw " + e));
			c.close(Status.INTERNAL.withDescription("the test's responder for " + c.method + " threw " + e.getClass().getName() + ": " + e.getMessage()));
			return;
		}
		if (response.status() >= 400) {
			JsonNode json = JsonBodies.parse(response.bodyText());
			int code = grpcCodeOf(response, json);
			String text = errorMessageOf(response, json);
			Verdict refused = refusal(verdict, response.status(), code, text);
			journal.accept(c.entry(credential, route, refused, response.status(), "the test's responder answered " + response.status() + ": " + text));
			c.refuse(refused);
			return;
		}
		journal.accept(entry.withStatus(response.status(), null));
		byte[] bytes = response.body().length == 0 ? new byte[0] : ProtoJson.toMessage(shape.responsePrototype(), response.bodyText());
		if (bytes == null) {
			bytes = shape.operation() ? finishedOperation(verdict) : new byte[0];
		}
		c.reply(bytes);
	}

	/** {@code IamTokenService/Create}: the REST exchange's checks and messages, its JSON answer re-encoded. */
	private void exchange(Call c, Route route, Credential credential, Verdict verdict, byte[] message) {
		String oauth;
		String jwt;
		try {
			oauth = ProtoReader.string(message, new int[]{ 1 });
			jwt = ProtoReader.string(message, new int[]{ 2 });
		} catch (ProtoReader.Malformed e) {
			oauth = null;
			jwt = null;
		}
		com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		if (oauth != null && !oauth.isEmpty()) {
			body.put("yandexPassportOauthToken", oauth);
		}
		if (jwt != null && !jwt.isEmpty()) {
			body.put("jwt", jwt);
		}
		StubResponse response = viaEndpoint(c, route, credential, verdict, tokenExchange, body.toString());
		if (response == null) {
			return;
		}
		JsonNode issued = JsonBodies.parse(response.bodyText());
		if (issued == null) {
			c.close(Status.INTERNAL.withDescription("the fake's token exchange answered no JSON"));
			return;
		}
		long expires = java.time.Instant.parse(issued.path("expiresAt").asText()).getEpochSecond();
		c.reply(new ProtoWriter().string(1, issued.path("iamToken").asText()).message(2, new ProtoWriter().int64(1, expires)).toByteArray());
	}

	/**
	 * A REST endpoint's answer to a gRPC call: journaled; a refusal sent as its gRPC status.
	 *
	 * @return the endpoint's answer when it accepted, else null (the call is closed)
	 */
	private StubResponse viaEndpoint(Call c, Route route, Credential credential, Verdict verdict, BiFunction<RecordedRequest, String, EndpointAnswer> endpoint,
			String json) {
		JournalEntry entry = c.entry(credential, route, verdict, 200, null);
		EndpointAnswer answer = endpoint.apply(entry.recorded(), json);
		StubResponse response = answer.response();
		if (answer.refused()) {
			Verdict refused = refusal(verdict, response.status(), answer.grpcCode(), answer.message());
			journal.accept(c.entry(credential, route, refused, response.status(), null).actedOn(answer.resourceType(), answer.resourceId()));
			c.refuse(refused);
			return null;
		}
		journal.accept(entry.actedOn(answer.resourceType(), answer.resourceId()));
		return response;
	}

	/** {@code List/Set/UpdateAccessBindings}: the message as the REST body, the REST endpoint's answer re-encoded. */
	private void accessBindings(Call c, Route route, Credential credential, Verdict verdict, byte[] message,
			BiFunction<RecordedRequest, String, EndpointAnswer> endpoint) {
		String json;
		try {
			json = AccessBindingMessages.requestJson(c.method, message);
		} catch (ProtoReader.Malformed e) {
			Verdict refused = refusal(verdict, 400, GrpcStatus.INVALID_ARGUMENT.code(), "request message is not valid protobuf: " + e.getMessage());
			journal.accept(c.entry(credential, route, refused, 400, null));
			c.refuse(refused);
			return;
		}
		StubResponse response = viaEndpoint(c, route, credential, verdict, endpoint, json);
		if (response != null) {
			c.reply(AccessBindingMessages.responseMessage(c.method, response.bodyText()));
		}
	}

	/** {@code ListApiEndpointsResponse}: every id at this front's own address. */
	private byte[] discovery(Call c) {
		ProtoWriter list = new ProtoWriter();
		for (String id : endpointIds) {
			list.message(1, endpoint(id, c));
		}
		return list.toByteArray();
	}

	/** {@code ApiEndpoint{id=1, address=2}}: the address the client dialled, else 127.0.0.1 and the port. */
	private ProtoWriter endpoint(String id, Call c) {
		String address = c.authority.contains(":") ? c.authority : "127.0.0.1:" + port.getAsInt();
		return new ProtoWriter().string(1, id).string(2, address);
	}

	/**
	 * {@code yandex.cloud.operation.Operation}, finished: id (1), description (2), created_at (3), created_by (4),
	 * modified_at (5), done (6) true, so the SDK's wait loops end at once.
	 */
	private byte[] finishedOperation(Verdict verdict) {
		ProtoWriter now = new ProtoWriter().int64(1, clock.instant().getEpochSecond());
		return new ProtoWriter().string(1, "fakeyc" + RequestIds.requestId().replace("-", "").substring(0, 14)).string(2, "done by fakeyc")
				.message(3, now).string(4, verdict.subjectId()).message(5, now).bool(6, true).toByteArray();
	}

	/** Streams a script as Foundation Models {@code CompletionResponse} messages; a break-off ends the call UNAVAILABLE. */
	private void stream(Call c, StreamScript script) {
		CompletionChunks chunks = new CompletionChunks();
		List<StreamChunk> list = script.chunks();
		long pause = script.pause().toNanos();
		Runnable[] step = new Runnable[1];
		int[] next = { 0 };
		step[0] = () -> {
			int i = next[0]++;
			if (i == script.breakOffAfter()) {
				c.close(Status.UNAVAILABLE.withDescription("the stream was broken off (the test's script)"));
				return;
			}
			if (i == list.size()) {
				c.close(Status.OK);
				return;
			}
			byte[] message = chunks.chunk(list.get(i));
			if (message != null) {
				c.send(message);
			}
			ScheduledExecutorService on = scheduler;
			if (pause > 0 && on != null && i + 1 < list.size()) {
				on.schedule(step[0], pause, TimeUnit.NANOSECONDS);
			} else {
				step[0].run();
			}
		};
		c.call.sendHeaders(c.responseHeaders());
		c.headersSent = true;
		step[0].run();
	}

	private static Verdict refusal(Verdict accepted, int status, int code, String message) {
		return new Verdict(Outcome.REJECTED, status, code, message, () -> "the endpoint refused the request: " + message, accepted.subjectId(),
				accepted.folderId());
	}

	/** A stub's error: the {@code code} (or {@code error.grpcCode}) of its JSON body, else the HTTP status mapped (reference §4). */
	private static int grpcCodeOf(StubResponse response, JsonNode json) {
		JsonNode code = json == null ? null : json.has("code") ? json.get("code") : json.path("error").get("grpcCode");
		if (code != null && code.isInt() && GrpcStatus.isCode(code.intValue()) && code.intValue() != 0) {
			return code.intValue();
		}
		// not JSON, or no code in it: map the status
		return switch (response.status()) {
			case 400 -> GrpcStatus.INVALID_ARGUMENT.code();
			case 401 -> GrpcStatus.UNAUTHENTICATED.code();
			case 403 -> GrpcStatus.PERMISSION_DENIED.code();
			case 404 -> GrpcStatus.NOT_FOUND.code();
			case 409 -> GrpcStatus.ALREADY_EXISTS.code();
			case 429 -> GrpcStatus.RESOURCE_EXHAUSTED.code();
			case 501 -> GrpcStatus.UNIMPLEMENTED.code();
			case 503 -> GrpcStatus.UNAVAILABLE.code();
			case 504 -> GrpcStatus.DEADLINE_EXCEEDED.code();
			default -> response.status() >= 500 ? GrpcStatus.INTERNAL.code() : GrpcStatus.UNKNOWN.code();
		};
	}

	private static String errorMessageOf(StubResponse response, JsonNode json) {
		if (json != null && json.path("message").isTextual()) {
			return json.path("message").textValue();
		}
		if (json != null && json.path("error").path("message").isTextual()) {
			return json.path("error").path("message").textValue();
		}
		return response.bodyText(); // not JSON: the text itself
	}

	/**
	 * A call's values as the catalog reads them: metadata for {@code header:}, the request message's string fields by
	 * number for {@code field:}; no query. No JSON body for the decision (the {@code body:} references are REST's);
	 * for a response template, the request message's JSON mapping answers {@code text}, {@code flag} and {@code count}.
	 */
	private static final class CallFields implements RequestFields {
		private final ReceivedMetadata headers;
		private final byte[] message;
		private final JsonNode json;

		/** The fields the decision reads: {@code body:} references read as absent. */
		CallFields(ReceivedMetadata headers, byte[] message) {
			this(headers, message, null);
		}

		/** The fields a response template reads: {@code json} is the request message's JSON mapping, or null. */
		CallFields(ReceivedMetadata headers, byte[] message, JsonNode json) {
			this.headers = headers;
			this.message = message;
			this.json = json;
		}

		@Override
		public String header(String name) {
			return headers.last(name);
		}

		@Override
		public String query(String name) {
			return null;
		}

		/** The string field, or null; throws {@link MalformedField} when the message is not valid wire format on the way. */
		@Override
		public String field(String path) {
			try {
				return ProtoReader.string(message, ProtoReader.path(path));
			} catch (ProtoReader.Malformed e) {
				throw new MalformedField(e);
			}
		}

		@Override
		public String text(String path) {
			JsonNode node = JsonBodies.at(json, path);
			return node != null && node.isValueNode() ? node.asText() : "";
		}

		@Override
		public boolean flag(String path) {
			JsonNode node = JsonBodies.at(json, path);
			return node != null && node.asBoolean();
		}

		@Override
		public int count(String path) {
			JsonNode node = JsonBodies.at(json, path);
			return node != null && node.isArray() ? node.size() : 0;
		}
	}

	/** Carries {@link ProtoReader.Malformed} out of the folder lookup's function. */
	private static final class MalformedField extends RuntimeException {
		private static final long serialVersionUID = 1L;
		MalformedField(ProtoReader.Malformed cause) {
			super(cause.getMessage(), cause, false, false);
		}
	}

	/** One call in progress: what the journal and the answer need. Used by one thread at a time. */
	private final class Call {
		final ServerCall<byte[], byte[]> call;
		final ReceivedMetadata received;
		final String path;
		final String method;
		final String requestId;
		final String authority;
		boolean headersSent;
		private final String traceId = RequestIds.traceId();

		Call(ServerCall<byte[], byte[]> call, ReceivedMetadata received, String path, String method, String requestId, String authority) {
			this.call = call;
			this.received = received;
			this.path = path;
			this.method = method;
			this.requestId = requestId;
			this.authority = authority;
		}

		JournalEntry entry(Credential credential, Route route, Verdict verdict, int status, String reason) {
			return new JournalEntry(clock.instant(), requestId, "POST", path, "", authority, received.journalView(), credential,
					route, verdict, status, reason);
		}

		Metadata responseHeaders() {
			Metadata m = new Metadata();
			m.put(REQUEST_ID, requestId);
			m.put(TRACE_ID, traceId);
			return m;
		}

		void reply(byte[] message) {
			if (!headersSent) {
				call.sendHeaders(responseHeaders());
				headersSent = true;
			}
			call.sendMessage(message);
			call.close(Status.OK, new Metadata());
		}

		void send(byte[] message) {
			call.sendMessage(message);
		}

		void close(Status status) {
			call.close(status, headersSent ? new Metadata() : responseHeaders());
		}

		void refuse(Verdict verdict) {
			Metadata trailers = headersSent ? new Metadata() : responseHeaders();
			trailers.put(STATUS_DETAILS, statusDetails(verdict.grpcCode(), verdict.message(), requestId));
			call.close(Status.fromCodeValue(verdict.grpcCode()).withDescription(verdict.message()), trailers);
		}
	}

	private static final byte[] REQUEST_INFO_TYPE = "type.googleapis.com/google.rpc.RequestInfo".getBytes(StandardCharsets.US_ASCII);

	/**
	 * {@code google.rpc.Status{code=1, message=2, details=3: Any{type_url=1, value=2: google.rpc.RequestInfo{request_id=1}}}}
	 * in protobuf's wire format, as {@link ProtoWriter} would write it (a 0 code and an empty message or id left out),
	 * sized first and written into one array: a refusal's trailer is made on every refused call.
	 */
	static byte[] statusDetails(int code, String message, String requestId) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
		int info = lengthDelimitedSize(id.length);
		int any = lengthDelimitedSize(REQUEST_INFO_TYPE.length) + 1 + ProtoWriter.varintSize(info) + info;
		int size = (code == 0 ? 0 : 1 + ProtoWriter.varintSize(code)) + lengthDelimitedSize(text.length) + 1 + ProtoWriter.varintSize(any) + any;
		ProtoWriter.Fixed out = new ProtoWriter.Fixed(size);
		if (code != 0) {
			out.tag(1, ProtoWriter.VARINT).varint(code);
		}
		if (text.length > 0) {
			out.tag(2, ProtoWriter.LENGTH_DELIMITED).varint(text.length).bytes(text);
		}
		out.tag(3, ProtoWriter.LENGTH_DELIMITED).varint(any);
		out.tag(1, ProtoWriter.LENGTH_DELIMITED).varint(REQUEST_INFO_TYPE.length).bytes(REQUEST_INFO_TYPE);
		out.tag(2, ProtoWriter.LENGTH_DELIMITED).varint(info);
		if (id.length > 0) {
			out.tag(1, ProtoWriter.LENGTH_DELIMITED).varint(id.length).bytes(id);
		}
		return out.array();
	}

	/** A string or bytes field of field number 1 to 15 (a one-byte tag): tag, length, bytes; 0 when empty (left out). */
	private static int lengthDelimitedSize(int length) {
		return length == 0 ? 0 : 1 + ProtoWriter.varintSize(length) + length;
	}

	/** Foundation Models' {@code CompletionResponse} per chunk: the text so far (as the REST stream), status, usage. */
	private static final class CompletionChunks {
		private final StringBuilder text = new StringBuilder();
		private StreamChunk.Usage usage = new StreamChunk.Usage(0, 0);

		/** The message for a chunk, or null for one carried by the next ({@code usage}). */
		byte[] chunk(StreamChunk chunk) {
			if (chunk instanceof StreamChunk.Text t) {
				text.append(t.text());
				return message(1);
			}
			if (chunk instanceof StreamChunk.Finish f) {
				return message(switch (f.reason()) {
					case "length" -> 2;
					case "content_filter" -> 4;
					case "tool_calls" -> 5;
					default -> 3;
				});
			}
			if (chunk instanceof StreamChunk.Usage u) {
				usage = u;
				return null;
			}
			return message(1); // a tool call: the gRPC stream carries the text only
		}

		/** {@code CompletionResponse{alternatives=1: Alternative{message=1: Message{role=1, text=2}, status=2}, usage=2, model_version=3}}. */
		private byte[] message(int status) {
			ProtoWriter message = new ProtoWriter().string(1, "assistant").string(2, text.toString());
			ProtoWriter alternative = new ProtoWriter().message(1, message).int64(2, status);
			ProtoWriter tokens = new ProtoWriter().int64(1, usage.promptTokens()).int64(2, usage.completionTokens()).int64(3, usage.totalTokens());
			return new ProtoWriter().message(1, alternative).message(2, tokens).string(3, "fakeyc").toByteArray();
		}
	}
}
