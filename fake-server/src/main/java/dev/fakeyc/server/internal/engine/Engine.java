package dev.fakeyc.server.internal.engine;

import org.apiguardian.api.API;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Journal;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Responder;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StreamScript;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.UserAccount;
import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.internal.authorization.AccessBindingEndpoints;
import dev.fakeyc.server.internal.authorization.AccessStore;
import dev.fakeyc.server.internal.authorization.LeastPrivilege;
import dev.fakeyc.server.internal.authorization.RoleCatalog;
import dev.fakeyc.server.internal.authorization.RoleCheck;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.config.AccessSection;
import dev.fakeyc.server.internal.config.CloudConfig;
import dev.fakeyc.server.internal.credentials.CredentialStore;
import dev.fakeyc.server.internal.credentials.Generated;
import dev.fakeyc.server.internal.credentials.ScopeCheck;
import dev.fakeyc.server.internal.decision.AccessCheck;
import dev.fakeyc.server.internal.decision.Decider;
import dev.fakeyc.server.internal.grpc.GrpcAnswering;
import dev.fakeyc.server.internal.grpc.GrpcClasspath;
import dev.fakeyc.server.internal.grpc.GrpcFront;
import dev.fakeyc.server.internal.http.ControlHandler;
import dev.fakeyc.server.internal.http.Endpoints;
import dev.fakeyc.server.internal.http.FakeHttpHandler;
import dev.fakeyc.server.internal.http.HttpListener;
import dev.fakeyc.server.internal.journal.JournalSink;
import dev.fakeyc.server.internal.http.LimitsHandler;
import dev.fakeyc.server.internal.http.Stubs;
import dev.fakeyc.server.internal.iam.IamEndpoints;
import dev.fakeyc.server.internal.iam.IamState;
import dev.fakeyc.server.internal.text.Excerpt;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import org.xnio.OptionMap;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The fake's engine: it owns the state (credentials, clock, catalog, journal, stubs, the metadata
 * endpoint's account) and the HTTP transport's lifecycle, and every internal receives it (or a narrow
 * view of it, such as {@link IamState}) directly. The public {@code FakeYandexCloud} is a facade over
 * one engine; the standalone jar drives an engine through the same facade plus
 * {@link StandaloneSeam}, never through public methods that exist only for it.
 *
 * <p>Thread-safe: credentials, stubs and the clock may change before and after start, from any
 * thread; every change to the credential set is one atomic swap (see {@link CredentialStore}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Engine implements IamState {
	/** How long an IAM token lives when no lifetime is given: the real maximum, 12 hours (reference §2). */
	public static final Duration DEFAULT_IAM_TOKEN_LIFETIME = Duration.ofHours(12);
	/** How long {@link #close()} lets requests in flight finish. */
	public static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
	/** The longest request URL (path and query) the fake reads; longer ones get 414. */
	public static final int MAX_URL_LENGTH = 16 * 1024;
	/** The largest header section the fake reads; larger ones get 431. */
	public static final int MAX_HEADER_BYTES = 64 * 1024;
	/** How long a connection may send nothing while its request (or the next one) is read before it is closed, in ms. */
	private static final long READ_STALL_MILLIS = 30_000;

	/** Who may use the control API under {@code /_fakeyc/}. */
	public enum ControlAccess {
		/** No control API. */
		OFF,
		/** Loopback clients only. */
		LOOPBACK_ONLY,
		/** Any client. */
		ANY_ADDRESS
	}

	/**
	 * What an engine is built with.
	 *
	 * @param host          the address to bind
	 * @param port          the port to bind, 0 for a free one
	 * @param ioThreads     Undertow IO threads, at least 1
	 * @param maxBodySize   the largest request body accepted, bytes
	 * @param clock         the clock every expiry check reads
	 * @param catalogRoutes routes added to the built-in catalog (or replacing built-in ones)
	 * @param control       who may use the control API
	 * @param grpcPort      the gRPC front's port (0 for a free one), or {@link #GRPC_OFF}
	 */
	public record Settings(String host, int port, int ioThreads, long maxBodySize, FakeClock clock, List<Route> catalogRoutes,
			ControlAccess control, int grpcPort) {
		/** Copies the route list. */
		public Settings {
			catalogRoutes = List.copyOf(catalogRoutes);
		}

		/** Settings without the gRPC front. */
		public Settings(String host, int port, int ioThreads, long maxBodySize, FakeClock clock, List<Route> catalogRoutes, ControlAccess control) {
			this(host, port, ioThreads, maxBodySize, clock, catalogRoutes, control, GRPC_OFF);
		}
	}

	/** {@link Settings#grpcPort()} when the gRPC front is off. */
	public static final int GRPC_OFF = -1;

	private enum State {
		NEW, STARTED, CLOSED
	}

	private final String host;
	private final int requestedPort;
	private final int ioThreads;
	private final long maxBodySize;
	private final FakeClock clock;
	private final Journal journal;
	private final JournalSink journalSink;
	private final CredentialStore store = new CredentialStore();
	private final Generated generated = new Generated();
	private final RoleCatalog roles = RoleCatalog.builtIn();
	private final AccessStore access = new AccessStore(generated.id("bpf"), generated.id("b1g"));
	private final AtomicReference<Catalog> catalog;
	private final Stubs stubs = new Stubs();
	private final Endpoints endpoints;
	private final AtomicReference<HttpHandler> control = new AtomicReference<>();
	private final ControlAccess controlAccess;
	/** Set by the standalone jar before start (see {@link StandaloneSeam}); read once, at start. */
	private volatile Consumer<RecordedRequest> requestListener;
	/** Serializes {@link #declare(String)} and {@link #reset()}. */
	private final Object declaring = new Object();
	/** What the last {@link #declare(String)} declared; {@link #reset()} registers it again. */
	private volatile List<CloudConfig.Declaration> declared = List.of();
	/** The access section of what the last {@link #declare(String)} declared; {@link #reset()} applies it again. */
	private volatile AccessSection declaredAccess = AccessSection.NONE;
	private volatile GracefulShutdownHandler graceful;
	private final IamEndpoints iam;
	/** The access-binding API, answered over REST and gRPC alike. */
	private final AccessBindingEndpoints accessBindings;
	private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
	/** start() and close() run one at a time, so a close never misses a server a racing start is binding. */
	private final Object lifecycle = new Object();
	private volatile HttpListener server;
	private volatile int port = -1;
	private final int requestedGrpcPort;
	/** The gRPC front, when on and started; its classes load only then (grpc may be absent from the classpath). */
	private volatile GrpcFront grpc;
	private volatile int grpcPort = -1;

	/**
	 * An engine, not yet listening.
	 *
	 * @param settings      what to build it with
	 * @param journal       the journal it records to
	 * @param journalSink   how requests go into {@code journal} (the journal's own storage, not public)
	 */
	public Engine(Settings settings, Journal journal, JournalSink journalSink) {
		this.host = settings.host();
		this.requestedPort = settings.port();
		this.ioThreads = settings.ioThreads();
		this.maxBodySize = settings.maxBodySize();
		this.clock = settings.clock();
		this.journal = Objects.requireNonNull(journal, "journal");
		this.journalSink = Objects.requireNonNull(journalSink, "journalSink");
		this.catalog = new AtomicReference<>(Catalog.withBuiltIn(settings.catalogRoutes()));
		this.controlAccess = settings.control();
		this.requestedGrpcPort = settings.grpcPort();
		this.iam = new IamEndpoints(this);
		java.util.Map<String, java.util.function.BiFunction<RecordedRequest, String, dev.fakeyc.server.internal.answer.EndpointAnswer>> routes = new java.util.LinkedHashMap<>(iam.routes());
		this.accessBindings = new AccessBindingEndpoints(access, roles, store::subject,
				folderId -> store.subjects().stream().anyMatch(s -> s instanceof ServiceAccount a && a.folderId().equals(folderId)),
				clock::instant);
		routes.putAll(accessBindings.routes());
		this.endpoints = new Endpoints(routes);
	}

	/** Calls {@code listener} with every recorded request; the standalone log. Only before {@link #start()}. */
	void listen(Consumer<RecordedRequest> listener) {
		this.requestListener = Objects.requireNonNull(listener, "listener must not be null");
	}

	// --- lifecycle ----------------------------------------------------------

	/**
	 * Binds the port and starts answering.
	 *
	 * @throws IllegalStateException if already started or closed, or the port cannot be bound
	 */
	public void start() {
		synchronized (lifecycle) {
			startOnce();
		}
	}

	private void startOnce() {
		if (!state.compareAndSet(State.NEW, State.STARTED)) {
			throw new IllegalStateException("this FakeYandexCloud was already " + (state.get() == State.CLOSED ? "closed" : "started")
					+ "; one instance starts once: create a new one");
		}
		if (controlAccess != ControlAccess.OFF) {
			control.set(new ControlHandler(journal, this::addCredentials, this::reset, this::attachToMetadataById,
					controlAccess == ControlAccess.ANY_ADDRESS, () -> accessReport(journal.requests()), maxBodySize));
		}
		Consumer<RecordedRequest> listener = requestListener;
		// without a listener nothing builds the full record on the request path; with one (the standalone log) it is built once
		// (a sink's record() makes an entry and appends it unless the sink stores the facts itself, as the journal's does)
		JournalSink recorder = listener == null ? journalSink : entry -> {
			journalSink.append(entry);
			listener.accept(entry.recorded());
		};
		GracefulShutdownHandler shutdown = new GracefulShutdownHandler(new LimitsHandler(
				new FakeHttpHandler(catalog, accessCheck(), clock, stubs, endpoints, recorder, control, maxBodySize),
				MAX_URL_LENGTH, MAX_HEADER_BYTES, maxBodySize));
		this.graceful = shutdown;
		// Undertow's own limits sit above ours: it answers a breach with a bare 400, LimitsHandler with JSON.
		OptionMap undertowOptions = OptionMap.builder()
				// Undertow checks a declared Content-Length against this while parsing; LimitsHandler sets the real,
				// per-request limit, which also bounds chunked bodies
				.set(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
				.set(UndertowOptions.MAX_HEADER_SIZE, 1024 * 1024)
				.set(UndertowOptions.MAX_HEADERS, 1000)
				// a connection keeps its last 15 header values whose name and value together are under this many
				// characters, and the same bytes again give the same String without rebuilding it char by char: under
				// 150 by default, which an IAM token's Authorization value (193 characters, reference §1.3) always
				// missed. 512 keeps tokens up to about 490 characters, at up to about 8 KB a connection
				.set(UndertowOptions.MAX_CACHED_HEADER_SIZE, 512)
				.set(UndertowOptions.MAX_PARAMETERS, 1000)
				.set(UndertowOptions.DECODE_URL, false)
				.set(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
				.set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
				.getMap();
		HttpListener listening;
		try {
			// Undertow's engine, with the fake's JSON answer in place of the parser's bare 400 (see HttpListener)
			listening = HttpListener.start(host, requestedPort, ioThreads, Math.max(2, ioThreads * 2), undertowOptions,
					READ_STALL_MILLIS, shutdown);
		} catch (java.io.IOException | RuntimeException e) {
			state.set(State.CLOSED);
			throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
		}
		this.server = listening;
		this.port = listening.port();
		if (requestedGrpcPort != GRPC_OFF) {
			startGrpc(recorder);
		}
	}

	/** Starts the gRPC front over the same catalog, decision, clock, stubs and journal; on failure stops the HTTP one too. */
	private void startGrpc(JournalSink recorder) {
		try {
			if (!GrpcClasspath.present()) {
				throw new IllegalStateException("the gRPC front needs grpc-java on the classpath: add " + GrpcClasspath.ARTIFACTS);
			}
			GrpcAnswering answering = new GrpcAnswering(catalog, accessCheck(), clock, stubs, recorder::append, iam.routes().get("POST /iam/v1/tokens"),
					accessBindings.grpcMethods(), IamEndpoints.endpointIds(), () -> grpcPort);
			GrpcFront front = GrpcFront.start(host, requestedGrpcPort, ioThreads, maxBodySize, answering);
			this.grpc = front;
			this.grpcPort = front.port();
		} catch (RuntimeException | LinkageError e) {
			state.set(State.CLOSED);
			server.stop();
			throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("cannot start the gRPC front: " + e, e);
		}
	}

	/** The address it binds, as built. */
	public String host() {
		return host;
	}

	/**
	 * The gRPC front's port.
	 *
	 * @throws IllegalStateException when not started, or built without the gRPC front
	 */
	public int grpcPort() {
		requireStarted();
		if (grpc == null) {
			throw new IllegalStateException("the gRPC front is off: build the fake with FakeYandexCloud.builder().grpc(0)");
		}
		return grpcPort;
	}

	/**
	 * The decision stage every transport shares: the reference's authentication, then the role check
	 * ({@link RoleCheck}: bindings on the folder, cloud and organization against what the route needs).
	 */
	public AccessCheck accessCheck() {
		return new AccessCheck(new Decider(store, clock), new RoleCheck(access, roles));
	}

	// --- authorization -------------------------------------------------------

	private final String instanceId = generated.id("fhm");

	@Override
	public boolean hasAcceptedTerms(String userId) {
		return !access.current().accounts().termsPending().contains(userId);
	}

	@Override
	public String instanceId() {
		return instanceId;
	}

	/** The hierarchy, access bindings and mode; every change is one atomic swap. */
	public AccessStore access() {
		return access;
	}

	/** Which permission each catalog resource needs and which roles grant it. */
	public RoleCatalog roles() {
		return roles;
	}

	/** A new id of the cloud's form with this prefix ({@code b1g} for clouds and folders, {@code bpf} for organizations). */
	public String newId(String prefix) {
		return generated.id(prefix);
	}

	/** The least-privilege report over these requests. */
	public AccessReport accessReport(List<RecordedRequest> requests) {
		return LeastPrivilege.report(requests, roles, access.current().hierarchy().defaultCloudId());
	}

	/** Stops answering and frees the port, letting requests in flight finish for {@link #CLOSE_GRACE}; idempotent. */
	public void close() {
		synchronized (lifecycle) {
			closeOnce();
		}
	}

	private void closeOnce() {
		State previous = state.getAndSet(State.CLOSED);
		GrpcFront front = grpc;
		if (previous == State.STARTED && front != null) {
			front.close();
		}
		HttpListener undertow = server;
		if (previous == State.STARTED && undertow != null) {
			// let requests in flight finish (briefly), then stop
			GracefulShutdownHandler shutdown = graceful;
			shutdown.shutdown();
			try {
				shutdown.awaitShutdown(CLOSE_GRACE.toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			undertow.stop();
		}
	}

	/** Whether the server is answering requests now. */
	public boolean isRunning() {
		return state.get() == State.STARTED;
	}

	/**
	 * The port it listens on.
	 *
	 * @throws IllegalStateException when not started
	 */
	@Override
	public int port() {
		requireStarted();
		return port;
	}

	/**
	 * {@code http://HOST:PORT} (an IPv6 host in brackets), no trailing slash.
	 *
	 * @throws IllegalStateException when not started
	 */
	public String baseUrl() {
		requireStarted();
		// a StringBuilder, not a + chain: the jar's startup line reads this, and a chain's first call spins method-handle classes
		StringBuilder url = new StringBuilder(32).append("http://");
		if (host.contains(":")) {
			url.append('[').append(host).append(']');
		} else {
			url.append(host);
		}
		return url.append(':').append(port).toString();
	}

	/**
	 * The URL of a path on the fake.
	 *
	 * @throws IllegalStateException when not started
	 */
	public URI url(String path) {
		Objects.requireNonNull(path, "path must not be null");
		return URI.create(baseUrl() + (path.startsWith("/") ? path : "/" + path));
	}

	private void requireStarted() {
		State s = state.get();
		if (s != State.STARTED) {
			throw new IllegalStateException(s == State.NEW ? "this FakeYandexCloud is not started: call start() first" : "this FakeYandexCloud is closed");
		}
	}

	/** {@code started}'s base URL, or {@code new}/{@code closed}. */
	public String describe() {
		State s = state.get();
		return s == State.STARTED ? baseUrl() : s.name().toLowerCase();
	}

	// --- time and journal ----------------------------------------------------

	/** The clock every expiry check reads. */
	public FakeClock clock() {
		return clock;
	}

	@Override
	public Instant now() {
		return clock.instant();
	}

	/** The requests received, with their decisions. */
	public Journal journal() {
		return journal;
	}

	// --- accounts -----------------------------------------------------------

	/** Creates a service account in the given folder. */
	public ServiceAccount createServiceAccount(String folderId) {
		return register(new ServiceAccount(generated.id("aje"), folderId));
	}

	/** A new folder id, {@code b1g…}. */
	public String newFolderId() {
		return generated.id("b1g");
	}

	/** Creates a user account. */
	public UserAccount createUserAccount() {
		return register(new UserAccount(generated.id("aje")));
	}

	/** Registers a service account. */
	public ServiceAccount register(ServiceAccount account) {
		store.add(account);
		return account;
	}

	/** Registers a user account. */
	public UserAccount register(UserAccount account) {
		store.add(account);
		return account;
	}

	/** Deletes an account with every credential it holds, and its access bindings. */
	public boolean delete(Subject account) {
		boolean deleted = store.delete(account.id());
		access.change(s -> s.withoutSubject(account.id()));
		return deleted;
	}

	/** Makes (or stops making) every authenticated request of this account fail with 403. */
	public void setDenied(Subject account, boolean denied) {
		store.setDenied(account.id(), denied);
	}

	@Override
	public Optional<Subject> account(String id) {
		return store.subject(id);
	}

	// --- credentials ----------------------------------------------------------

	@Override
	public IamToken issueIamToken(Subject account) {
		return issueIamToken(account, DEFAULT_IAM_TOKEN_LIFETIME);
	}

	/** Issues an IAM token valid for {@code lifetime} from now on the fake's clock. */
	public IamToken issueIamToken(Subject account, Duration lifetime) {
		Objects.requireNonNull(account, "account must not be null");
		return register(new IamToken(Secret.of(generated.iamToken()), account.id(), clock.instant().plus(lifetime)));
	}

	/** Registers an IAM token; its subject must be registered. */
	public IamToken register(IamToken token) {
		store.add(token);
		return token;
	}

	@Override
	public ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes, Instant expiresAt) {
		Objects.requireNonNull(owner, "owner must not be null");
		return register(new ApiKey(generated.id("aje"), Secret.of(generated.apiKeySecret()), owner.id(), checkScopes(scopes),
				Optional.ofNullable(expiresAt)));
	}

	/** Registers an API key; its service account must be registered and its scopes known. */
	public ApiKey register(ApiKey key) {
		checkScopes(key.scopes());
		store.add(key);
		return key;
	}

	/** Issues a Yandex ID OAuth token for a user account, valid for a year. */
	public OAuthToken issueOAuthToken(UserAccount account) {
		return register(new OAuthToken(Secret.of(generated.oauthToken()), account.id(), clock.instant().plus(Duration.ofDays(365))));
	}

	/** Registers an OAuth token. */
	public OAuthToken register(OAuthToken token) {
		store.add(token);
		return token;
	}

	/** Creates an RSA-2048 authorized key for a service account. */
	public AuthorizedKey createAuthorizedKey(ServiceAccount owner) {
		Objects.requireNonNull(owner, "owner must not be null");
		try {
			java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			java.security.KeyPair pair = generator.generateKeyPair();
			return register(new AuthorizedKey(generated.id("aje"), owner.id(), pair.getPublic(), pair.getPrivate(), clock.instant()));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has RSA", e);
		}
	}

	/** Registers a service account's authorized key. */
	public AuthorizedKey register(AuthorizedKey key) {
		store.add(key);
		return key;
	}

	/** Deletes an authorized key. */
	public boolean revoke(AuthorizedKey key) {
		return store.revoke(key);
	}

	/** Serves this service account's IAM tokens at the VM metadata endpoint; null detaches it. */
	public void attachToMetadata(ServiceAccount account) {
		iam.attachToMetadata(account);
	}

	/** For the control API: null when attached, else what is wrong. */
	private String attachToMetadataById(String serviceAccountId) {
		if (serviceAccountId == null) {
			attachToMetadata(null);
			return null;
		}
		Optional<Subject> account = store.subject(serviceAccountId);
		if (account.isEmpty() || !(account.get() instanceof ServiceAccount sa)) {
			return "'" + Excerpt.of(serviceAccountId, 64) + "' is not a registered service account";
		}
		attachToMetadata(sa);
		return null;
	}

	@Override
	public Optional<IamToken> findIamToken(String value) {
		return store.iamToken(value);
	}

	@Override
	public Optional<ApiKey> findApiKey(String id) {
		return store.apiKeyById(id);
	}

	@Override
	public Optional<OAuthToken> findOAuthToken(String value) {
		return store.oauthToken(value);
	}

	@Override
	public Optional<AuthorizedKey> findAuthorizedKey(String id) {
		return store.authorizedKey(id);
	}

	@Override
	public List<ApiKey> apiKeys() {
		return store.apiKeys();
	}

	@Override
	public boolean revoke(IamToken token) {
		return store.revoke(token);
	}

	@Override
	public boolean revoke(ApiKey key) {
		return store.revoke(key);
	}

	/** Revokes an OAuth token. */
	public boolean revoke(OAuthToken token) {
		return store.revoke(token);
	}

	@Override
	public Set<String> knownScopes() {
		Set<String> all = new TreeSet<>(Scopes.KNOWN);
		all.addAll(catalog.get().scopes());
		return all;
	}

	private Set<String> checkScopes(Collection<String> scopes) {
		return ScopeCheck.requireKnown(scopes == null ? Set.of() : scopes, knownScopes());
	}

	// --- responses ----------------------------------------------------------

	/**
	 * Sets a computed response for accepted requests to a route.
	 *
	 * @throws IllegalArgumentException if the path template is malformed
	 */
	public void stub(String method, String path, Responder responder) {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(responder, "responder must not be null");
		stubs.add(method, path, responder);
	}

	/**
	 * Sets what accepted requests to a streaming route stream.
	 *
	 * @throws IllegalArgumentException if the path template is malformed
	 */
	public void stubStream(String method, String path, StreamScript script) {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(script, "script must not be null");
		stubs.add(method, path, script);
	}

	/** Removes every stub. */
	public void clearStubs() {
		stubs.clear();
	}

	/** Back to what was declared last: credentials swapped at once, access bindings and hierarchy back to the start, metadata detached, stubs and journal cleared. */
	public void reset() {
		synchronized (declaring) {
			Set<String> scopes = knownScopes();
			List<CloudConfig.Declaration> base = declared;
			store.change(true, copy -> CloudConfig.registerAll(copy, base, scopes));
			access.resetThen(declaredAccess::applyTo);
		}
		iam.attachToMetadata(null);
		stubs.clear();
		journal.clear();
	}

	/**
	 * Registers a config document's accounts and credentials in one change.
	 *
	 * @throws IllegalArgumentException naming the JSON path of the problem
	 */
	public void addCredentials(String configJson) {
		CloudConfig config = CloudConfig.parse(configJson);
		Set<String> scopes = knownScopes();
		checkAccess(config);
		store.change(false, copy -> CloudConfig.registerAll(copy, config.declarations(), scopes));
		access.change(config.access()::applyTo);
	}

	/** The access section's accounts exist (registered, or declared beside it) and it fits the hierarchy: checked before anything changes. */
	private void checkAccess(CloudConfig config) {
		config.access().requireSubjects(id -> config.declaresAccount(id) || store.subject(id).isPresent());
		config.access().applyTo(access.current());
	}

	/**
	 * Declares a config document in place of the previous one, in one change.
	 *
	 * @throws IllegalArgumentException naming the JSON path of the problem
	 */
	public void declare(String configJson) {
		CloudConfig config = CloudConfig.parse(configJson);
		List<Route> additions = config.services();
		Catalog nextCatalog = Catalog.withBuiltIn(additions);
		Set<String> scopes = new TreeSet<>(Scopes.KNOWN);
		scopes.addAll(nextCatalog.scopes());
		List<CloudConfig.Declaration> next = config.declarations();
		checkAccess(config);
		synchronized (declaring) {
			List<CloudConfig.Declaration> previous = declared;
			Set<Object> kept = new HashSet<>();
			next.forEach(d -> kept.add(d.credential()));
			store.change(false, copy -> {
				for (int i = previous.size() - 1; i >= 0; i--) { // credentials before the accounts that hold them
					Object old = previous.get(i).credential();
					if (!kept.contains(old)) {
						copy.removeAny(old);
					}
				}
				CloudConfig.registerAll(copy, next, scopes);
				// the document is good: its catalog goes in just before its credentials
				catalog.set(nextCatalog);
			});
			declared = next;
			access.resetThen(config.access()::applyTo);
			declaredAccess = config.access();
		}
	}
}
