package dev.fakeyc.server;

import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.catalog.CatalogLoader;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.credentials.CredentialStore;
import dev.fakeyc.server.internal.credentials.Generated;
import dev.fakeyc.server.internal.decision.Decider;
import dev.fakeyc.server.internal.config.CloudConfig;
import dev.fakeyc.server.internal.http.ControlHandler;
import dev.fakeyc.server.internal.iam.IamEndpoints;
import dev.fakeyc.server.internal.http.FakeHttpHandler;
import dev.fakeyc.server.internal.http.JournalEntry;
import dev.fakeyc.server.internal.http.LimitsHandler;
import dev.fakeyc.server.internal.http.Stubs;
import dev.fakeyc.server.internal.http.HttpListener;
import org.xnio.OptionMap;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import org.xnio.Options;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake of Yandex Cloud's API authentication: an embedded HTTP server that checks
 * {@code Authorization} headers exactly as the real cloud does, and answers with the real statuses,
 * error bodies and messages.
 *
 * <pre>{@code
 * try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
 *     ServiceAccount sa = cloud.createServiceAccount();
 *     ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));
 *     // point the client under test at cloud.baseUrl() and send "Authorization: " + key.authorization()
 *     assertThat(cloud.journal().last()).get().extracting(RecordedRequest::outcome).isEqualTo(Outcome.ACCEPTED);
 * }
 * }</pre>
 *
 * <p>One instance, one life: {@link #start()} once, {@link #close()} as often as you like. Credentials,
 * stubs and the clock can be changed before and after start, from any thread.
 *
 * @since 0.1
 */
public final class FakeYandexCloud implements AutoCloseable {
	/** How long an IAM token lives when no lifetime is given: the real maximum, 12 hours. */
	public static final Duration DEFAULT_IAM_TOKEN_LIFETIME = Duration.ofHours(12);

	/**
	 * The journal's largest default byte ceiling: 16 MiB of heap (see {@link Builder#journalMaxBytes(long)}).
	 * On a small heap the default is an eighth of the JVM's maximum heap instead, so the journal never
	 * crowds out the server: 4 MiB under the README's CI flag {@code -Xmx32m}.
	 */
	public static final long DEFAULT_JOURNAL_MAX_BYTES = 16L * 1024 * 1024;

	/** The default byte ceiling in this JVM: {@link #DEFAULT_JOURNAL_MAX_BYTES} or an eighth of the maximum heap, whichever is smaller. */
	static long defaultJournalMaxBytes() {
		return Math.max(64 * 1024, Math.min(DEFAULT_JOURNAL_MAX_BYTES, Runtime.getRuntime().maxMemory() / 8));
	}

	/** How long {@link #close()} lets requests in flight finish. */
	static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
	/** The longest request URL (path and query) the fake reads; longer ones get 414. */
	static final int MAX_URL_LENGTH = 16 * 1024;
	/** The largest header section the fake reads; larger ones get 431. */
	static final int MAX_HEADER_BYTES = 64 * 1024;

	private enum State {
		NEW, STARTED, CLOSED
	}

	private final String host;
	private final int requestedPort;
	private final int ioThreads;
	private final long maxBodySize;
	private final FakeClock clock;
	private final Journal journal;
	private final CredentialStore store = new CredentialStore();
	private final Generated generated = new Generated();
	private final AtomicReference<Catalog> catalog;
	private final Stubs stubs = new Stubs();
	private final Stubs builtIns = new Stubs();
	private final AtomicReference<HttpHandler> control = new AtomicReference<>();
	private final java.util.function.Consumer<JournalEntry> recorder;
	private final ControlApi controlApi;
	private volatile Runnable resetAction = this::reset;
	/** Serializes {@link #declare(String)} and {@link #reset()}. */
	private final Object declaring = new Object();
	/** What the last {@link #declare(String)} declared; {@link #reset()} registers it again. */
	private volatile List<CloudConfig.Declaration> declared = List.of();
	private volatile GracefulShutdownHandler graceful;
	/** The routes added to the built-in catalog; a scratch fake built with them knows the same scopes. */
	private volatile List<Route> catalogAdditions;
	private final IamEndpoints iam;
	private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
	/** start() and close() run one at a time, so a close never misses a server a racing start is binding. */
	private final Object lifecycle = new Object();
	private volatile HttpListener server;
	private volatile int port = -1;

	private FakeYandexCloud(Builder b) {
		this.host = b.host;
		this.requestedPort = b.port;
		this.ioThreads = b.ioThreads;
		this.maxBodySize = b.maxBodySize;
		this.clock = b.clock;
		this.journal = new Journal(b.journalCapacity, b.journalMaxBytes);
		this.catalog = new AtomicReference<>(Catalog.of(CatalogLoader.builtIn(), b.catalogRoutes));
		java.util.function.Consumer<RecordedRequest> listener = b.requestListener;
		// without a listener nothing builds the full record on the request path; with one (the standalone log) it is built once
		this.recorder = listener == null ? journal::append : entry -> {
			journal.append(entry);
			listener.accept(entry.recorded());
		};
		this.controlApi = b.controlApi;
		this.catalogAdditions = List.copyOf(b.catalogRoutes);
		this.iam = new IamEndpoints(this);
		iam.routes().forEach((route, responder) -> {
			int space = route.indexOf(' ');
			builtIns.add(route.substring(0, space), route.substring(space + 1), responder::apply);
		});
	}

	/** A fake with every default: 127.0.0.1, a free port, the system clock, the built-in catalog. */
	public static FakeYandexCloud create() {
		return builder().build();
	}

	/** A builder for a fake with other settings. */
	public static Builder builder() {
		return new Builder();
	}

	// --- lifecycle ----------------------------------------------------------

	/**
	 * Binds the port and starts answering.
	 *
	 * @return this, for {@code try (var cloud = FakeYandexCloud.create().start())}
	 * @throws IllegalStateException if already started or closed
	 */
	public FakeYandexCloud start() {
		synchronized (lifecycle) {
			return startOnce();
		}
	}

	private FakeYandexCloud startOnce() {
		if (!state.compareAndSet(State.NEW, State.STARTED)) {
			throw new IllegalStateException("this FakeYandexCloud was already " + (state.get() == State.CLOSED ? "closed" : "started")
					+ "; one instance starts once: create a new one");
		}
		if (controlApi != ControlApi.OFF) {
			control.set(new ControlHandler(journal, this::addCredentials, () -> resetAction.run(), this::attachToMetadataById,
					controlApi == ControlApi.ANY_ADDRESS));
		}
		GracefulShutdownHandler shutdown = new GracefulShutdownHandler(new LimitsHandler(
				new FakeHttpHandler(catalog, new Decider(store, clock), clock, stubs, builtIns, recorder, control),
				MAX_URL_LENGTH, MAX_HEADER_BYTES, maxBodySize));
		this.graceful = shutdown;
		HttpHandler handler = shutdown;
		// Undertow's own limits sit above ours: it answers a breach with a bare 400, LimitsHandler with JSON.
		OptionMap undertowOptions = OptionMap.builder()
				// Undertow checks a declared Content-Length against this while parsing; LimitsHandler sets the real,
				// per-request limit, which also bounds chunked bodies
				.set(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
				.set(UndertowOptions.MAX_HEADER_SIZE, 1024 * 1024)
				.set(UndertowOptions.MAX_HEADERS, 1000)
				.set(UndertowOptions.MAX_PARAMETERS, 1000)
				.set(UndertowOptions.DECODE_URL, false)
				.set(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
				.set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
				.getMap();
		HttpListener listener;
		try {
			// Undertow's engine, with the fake's JSON answer in place of the parser's bare 400 (see HttpListener)
			listener = HttpListener.start(host, requestedPort, ioThreads, Math.max(2, ioThreads * 2), undertowOptions,
					OptionMap.create(Options.READ_TIMEOUT, 30_000), handler);
		} catch (java.io.IOException | RuntimeException e) {
			state.set(State.CLOSED);
			throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
		}
		this.server = listener;
		this.port = listener.port();
		return this;
	}

	/**
	 * Stops answering and frees the port: once it returns, nothing listens, even if {@link #start()}
	 * ran at the same time on another thread (a start after close throws). Safe to call more than
	 * once, and before start.
	 */
	@Override
	public void close() {
		synchronized (lifecycle) {
			closeOnce();
		}
	}

	private void closeOnce() {
		State previous = state.getAndSet(State.CLOSED);
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

	/** The port it listens on. */
	public int port() {
		requireStarted();
		return port;
	}

	/**
	 * The base URL a client puts in place of {@code https://<service>.api.cloud.yandex.net}:
	 * {@code http://127.0.0.1:PORT} (an IPv6 host in brackets), no trailing slash. Use
	 * {@code baseUrl().toString()} where a client takes a string.
	 *
	 * @throws IllegalStateException when the server is not started
	 */
	public URI baseUrl() {
		return URI.create(baseUrlText());
	}

	private String baseUrlText() {
		requireStarted();
		String h = host.contains(":") ? "[" + host + "]" : host;
		return "http://" + h + ":" + port;
	}

	/** The URL of a path on the fake, such as {@code url("/foundationModels/v1/completion")}. */
	public URI url(String path) {
		Objects.requireNonNull(path, "path must not be null");
		return URI.create(baseUrlText() + (path.startsWith("/") ? path : "/" + path));
	}

	private void requireStarted() {
		State s = state.get();
		if (s != State.STARTED) {
			throw new IllegalStateException(s == State.NEW ? "this FakeYandexCloud is not started: call start() first" : "this FakeYandexCloud is closed");
		}
	}

	// --- time and journal ----------------------------------------------------

	/** The clock every expiry check reads; move it to expire tokens and keys. */
	public FakeClock clock() {
		return clock;
	}

	/** The requests received, with their decisions. */
	public Journal journal() {
		return journal;
	}

	// --- accounts -----------------------------------------------------------

	/** Creates a service account in a new folder. */
	public ServiceAccount createServiceAccount() {
		return createServiceAccount(generated.id("b1g"));
	}

	/** Creates a service account in the given folder. */
	public ServiceAccount createServiceAccount(String folderId) {
		return register(new ServiceAccount(generated.id("aje"), folderId));
	}

	/** Creates a user account. */
	public UserAccount createUserAccount() {
		return register(new UserAccount(generated.id("aje")));
	}

	/** Registers a service account with given values. */
	public ServiceAccount register(ServiceAccount account) {
		store.add(account);
		return account;
	}

	/** Registers a user account with given values. */
	public UserAccount register(UserAccount account) {
		store.add(account);
		return account;
	}

	/** Deletes an account; its tokens and keys stop working. */
	public boolean delete(Subject account) {
		return store.delete(account.id());
	}

	/** Makes every authenticated request of this account fail with 403 {@code Permission denied}. */
	public void denyPermissions(Subject account) {
		store.setDenied(account.id(), true);
	}

	/** Undoes {@link #denyPermissions(Subject)}. */
	public void allowPermissions(Subject account) {
		store.setDenied(account.id(), false);
	}

	/** Finds a registered account by id. */
	public java.util.Optional<Subject> account(String id) {
		return store.subject(id);
	}

	// --- credentials ----------------------------------------------------------

	/** Issues an IAM token for an account, valid for {@link #DEFAULT_IAM_TOKEN_LIFETIME} on the fake's clock. */
	public IamToken issueIamToken(Subject account) {
		return issueIamToken(account, DEFAULT_IAM_TOKEN_LIFETIME);
	}

	/** Issues an IAM token valid for {@code lifetime} from now on the fake's clock (zero or negative: already expired). */
	public IamToken issueIamToken(Subject account, Duration lifetime) {
		Objects.requireNonNull(account, "account must not be null");
		return register(new IamToken(Secret.of(generated.iamToken()), account.id(), clock.instant().plus(lifetime)));
	}

	/** Registers an IAM token with given values; its subject must be registered. */
	public IamToken register(IamToken token) {
		store.add(token);
		return token;
	}

	/** Creates an API key with the default scopes ({@link Scopes#DEFAULT}) and no expiry. */
	public ApiKey createApiKey(ServiceAccount owner) {
		return createApiKey(owner, Set.of());
	}

	/** Creates an API key with the given scopes (none: the default set) and no expiry. */
	public ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes) {
		return newApiKey(owner, scopes, Optional.empty());
	}

	/**
	 * Creates an API key.
	 *
	 * @param scopes    the scopes; empty gives {@link Scopes#DEFAULT}; an unknown scope is refused
	 * @param expiresAt when it expires on the fake's clock; for a key that never expires, use
	 *                  {@link #createApiKey(ServiceAccount, Collection)}
	 * @throws IllegalArgumentException naming an unknown scope and the known ones
	 * @throws NullPointerException     for a null owner or expiresAt
	 */
	public ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes, Instant expiresAt) {
		Objects.requireNonNull(expiresAt, "expiresAt must not be null: for a key that never expires, call createApiKey(owner, scopes)");
		return newApiKey(owner, scopes, Optional.of(expiresAt));
	}

	private ApiKey newApiKey(ServiceAccount owner, Collection<String> scopes, Optional<Instant> expiresAt) {
		Objects.requireNonNull(owner, "owner must not be null");
		return register(new ApiKey(generated.id("aje"), Secret.of(generated.apiKeySecret()), owner.id(), checkScopes(scopes), expiresAt));
	}

	/** Registers an API key with given values; its service account must be registered and its scopes known. */
	public ApiKey register(ApiKey key) {
		checkScopes(key.scopes());
		store.add(key);
		return key;
	}

	/** Issues a Yandex ID OAuth token for a user account, valid for a year. */
	public OAuthToken issueOAuthToken(UserAccount account) {
		return register(new OAuthToken(Secret.of(generated.oauthToken()), account.id(), clock.instant().plus(Duration.ofDays(365))));
	}

	/** Registers an OAuth token with given values. */
	public OAuthToken register(OAuthToken token) {
		store.add(token);
		return token;
	}

	/**
	 * Creates an RSA-2048 authorized key for a service account; the fake keeps the public half to verify
	 * JWTs, the returned key holds the private half to sign them.
	 */
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

	/** Registers a service account's authorized key (its public half verifies JWTs at {@code POST /iam/v1/tokens}). */
	public AuthorizedKey register(AuthorizedKey key) {
		store.add(key);
		return key;
	}

	/** Deletes an authorized key: JWTs it signs are refused from now on. */
	public boolean revoke(AuthorizedKey key) {
		return store.revoke(key);
	}

	/**
	 * Serves this service account's IAM tokens at the VM metadata endpoint
	 * ({@code GET /computeMetadata/v1/instance/service-accounts/default/token} with
	 * {@code Metadata-Flavor: Google}), as on a VM it is attached to. Point {@code YC_METADATA_ADDR} at
	 * {@code 127.0.0.1:<port>}. Null detaches it: the endpoint answers 404.
	 */
	public void attachToMetadata(ServiceAccount account) {
		iam.attachToMetadata(account);
	}

	/** For the control API: null when attached, else what is wrong. */
	private String attachToMetadataById(String serviceAccountId) {
		if (serviceAccountId == null) {
			attachToMetadata(null);
			return null;
		}
		java.util.Optional<Subject> account = store.subject(serviceAccountId);
		if (account.isEmpty() || !(account.get() instanceof ServiceAccount sa)) {
			return "'" + dev.fakeyc.server.internal.text.Excerpt.of(serviceAccountId, 64) + "' is not a registered service account";
		}
		attachToMetadata(sa);
		return null;
	}

	/** The IAM token with this value, if registered. */
	public java.util.Optional<IamToken> findIamToken(String value) {
		return store.iamToken(value);
	}

	/** The API key with this id, if registered. */
	public java.util.Optional<ApiKey> findApiKey(String id) {
		return store.apiKeyById(id);
	}

	/** The OAuth token with this value, if registered. */
	public java.util.Optional<OAuthToken> findOAuthToken(String value) {
		return store.oauthToken(value);
	}

	/** The authorized key with this id, if registered. */
	public java.util.Optional<AuthorizedKey> findAuthorizedKey(String id) {
		return store.authorizedKey(id);
	}

	/** Every API key registered. */
	public List<ApiKey> apiKeys() {
		return store.apiKeys();
	}

	/** Revokes an IAM token: it is refused from now on as unknown. */
	public boolean revoke(IamToken token) {
		return store.revoke(token);
	}

	/** Deletes an API key: it is refused from now on as unknown. */
	public boolean revoke(ApiKey key) {
		return store.revoke(key);
	}

	/** Revokes an OAuth token. */
	public boolean revoke(OAuthToken token) {
		return store.revoke(token);
	}

	/** Every scope a key may carry here: the real ones plus any the catalog names. */
	public Set<String> knownScopes() {
		Set<String> all = new java.util.TreeSet<>(Scopes.KNOWN);
		all.addAll(catalog.get().scopes());
		return all;
	}

	private Set<String> checkScopes(Collection<String> scopes) {
		return Scopes.requireKnown(scopes == null ? Set.of() : scopes, knownScopes());
	}

	// --- responses ----------------------------------------------------------

	/**
	 * Sets the response of accepted requests to a route. The credential is still checked first; only
	 * an accepted request gets this response. {@code path} may hold {@code {name}} segments and a
	 * final {@code **}; the stub set last wins.
	 *
	 * @param method an HTTP method, or {@code *}
	 */
	public void stub(String method, String path, StubResponse response) {
		Objects.requireNonNull(response, "response must not be null");
		stub(method, path, (request, body) -> response);
	}

	/** Sets a computed response for accepted requests to a route; see {@link #stub(String, String, StubResponse)}. */
	public void stub(String method, String path, Responder responder) {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(responder, "responder must not be null");
		stubs.add(method, path, responder);
	}

	/**
	 * Sets what accepted requests to a streaming route stream when they ask for a stream ({@code "stream": true} on the
	 * OpenAI-compatible {@code /v1/chat/completions}, {@code /v1/completions} and {@code /v1/responses};
	 * {@code "completionOptions":{"stream":true}} on {@code /foundationModels/v1/completion}). The script is rendered in
	 * the route's own format; requests that do not ask for a stream still get the route's plain answer (or a
	 * {@link #stub(String, String, StubResponse) stub}). The stub set last wins.
	 *
	 * <pre>{@code
	 * cloud.stubStream("POST", "/v1/chat/completions",
	 *         StreamScript.builder().text("Hel").text("lo").finish("stop").breakOffAfter(1).build());
	 * }</pre>
	 *
	 * @param method an HTTP method, or {@code *}
	 * @param path   a path template, as for {@link #stub(String, String, StubResponse)}
	 * @throws IllegalArgumentException if the path template is malformed
	 */
	public void stubStream(String method, String path, StreamScript script) {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(script, "script must not be null");
		stubs.add(method, path, script);
	}

	/** Removes every stub: routes answer with their defaults again. */
	public void clearStubs() {
		stubs.clear();
	}

	/**
	 * Forgets every account, credential, stub and journal entry added since, and detaches the
	 * metadata endpoint's service account; what the last {@link #declare(String)} declared (the
	 * standalone jar's {@code --config} file) is registered again. The credential set changes in one
	 * swap: a request meanwhile is decided on the old set or the new one, never on an empty one. The
	 * clock, the catalog and the port stay.
	 */
	public void reset() {
		synchronized (declaring) {
			Set<String> scopes = knownScopes();
			List<CloudConfig.Declaration> base = declared;
			store.change(true, copy -> addAll(copy, base, scopes));
		}
		iam.attachToMetadata(null);
		stubs.clear();
		journal.clear();
	}

	/**
	 * Registers the accounts and credentials of a document in the standalone config format
	 * ({@code serviceAccounts}, {@code apiKeys}, …; its {@code services} are not applied here), all in
	 * one change: the whole document is checked against the credentials registered, and on any error
	 * (a clash of a value or id with a registered credential of any kind, an unknown owner or scope)
	 * nothing is registered; otherwise a request sees all of it or none.
	 *
	 * @throws IllegalArgumentException naming the JSON path of the problem
	 */
	public void addCredentials(String configJson) {
		CloudConfig config = CloudConfig.parse(configJson);
		Set<String> scopes = knownScopes();
		store.change(false, copy -> addAll(copy, config.declarations(), scopes));
	}

	/**
	 * Declares the accounts, credentials and catalog additions of a document in the standalone config
	 * format, in place of what the previous call declared: what that one declared and this one does
	 * not is removed (an account with every credential it holds), what this one adds is registered,
	 * and everything registered by other means (the API, the control API, tokens issued at
	 * {@code POST /iam/v1/tokens}) stays. It is one change: on any error nothing changes, otherwise a
	 * request sees the old set or the new one. {@link #reset()} comes back to what was declared last.
	 * The standalone jar declares its {@code --config} file this way, at start and on each
	 * {@code --watch} reload.
	 *
	 * @throws IllegalArgumentException naming the JSON path of the problem
	 */
	public void declare(String configJson) {
		CloudConfig config = CloudConfig.parse(configJson);
		List<Route> additions = config.servicesJson().isEmpty() ? List.of() : List.copyOf(CatalogLoader.parse(config.servicesJson()));
		Catalog nextCatalog = Catalog.of(CatalogLoader.builtIn(), additions);
		Set<String> scopes = new java.util.TreeSet<>(Scopes.KNOWN);
		scopes.addAll(nextCatalog.scopes());
		List<CloudConfig.Declaration> next = config.declarations();
		synchronized (declaring) {
			List<CloudConfig.Declaration> previous = declared;
			Set<Object> kept = new java.util.HashSet<>();
			next.forEach(d -> kept.add(d.credential()));
			store.change(false, copy -> {
				for (int i = previous.size() - 1; i >= 0; i--) { // credentials before the accounts that hold them
					Object old = previous.get(i).credential();
					if (!kept.contains(old)) {
						copy.removeAny(old);
					}
				}
				addAll(copy, next, scopes);
				// the document is good: its catalog goes in just before its credentials
				catalog.set(nextCatalog);
				catalogAdditions = additions;
			});
			declared = next;
		}
	}

	private static void addAll(dev.fakeyc.server.internal.credentials.Credentials copy, List<CloudConfig.Declaration> items, Set<String> scopes) {
		for (CloudConfig.Declaration d : items) {
			try {
				if (d.credential() instanceof ApiKey key) {
					Scopes.requireKnown(key.scopes(), scopes);
				}
				copy.addAny(d.credential());
			} catch (IllegalArgumentException e) {
				throw new dev.fakeyc.server.internal.catalog.CatalogException(d.path(), e.getMessage());
			}
		}
	}

	/** What {@code POST /_fakeyc/reset} does; by default {@link #reset()}. The standalone jar re-applies its config file after it. */
	public void onReset(Runnable action) {
		this.resetAction = Objects.requireNonNull(action, "action must not be null");
	}

	/** Forgets every account and credential, keeping stubs, journal and catalog. */
	public void clearCredentials() {
		store.clear();
	}

	/** Replaces the catalog additions given at build time with these ({@code {"services":[…]}}, or empty for none). */
	public void replaceCatalog(String json) {
		List<Route> additions = json == null || json.isBlank() ? List.of() : List.copyOf(CatalogLoader.parse(json));
		catalog.set(Catalog.of(CatalogLoader.builtIn(), additions));
		catalogAdditions = additions;
	}

	@Override
	public String toString() {
		State s = state.get();
		return "FakeYandexCloud[" + (s == State.STARTED ? baseUrl() : s.name().toLowerCase()) + "]";
	}

	/**
	 * Who may use the control API under {@code /_fakeyc/} (health, journal, credentials, reset).
	 *
	 * @since 0.1
	 */
	public enum ControlApi {
		/** No control API: {@code /_fakeyc/…} is an unknown route. */
		OFF,
		/** Served to clients on a loopback address only; others get 403. */
		LOOPBACK_ONLY,
		/** Served to any client. */
		ANY_ADDRESS
	}

	/** Builds a {@link FakeYandexCloud}. Every setting has a default; see each method. */
	public static final class Builder {
		private String host = "127.0.0.1";
		private int port = 0;
		private int ioThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
		private long maxBodySize = 16L * 1024 * 1024;
		private FakeClock clock = FakeClock.system();
		private int journalCapacity = 10_000;
		private long journalMaxBytes = defaultJournalMaxBytes();
		private final List<Route> catalogRoutes = new ArrayList<>();
		private java.util.function.Consumer<RecordedRequest> requestListener;
		private ControlApi controlApi = ControlApi.OFF;

		private Builder() {
		}

		/**
		 * Calls {@code listener} with every request recorded, on the thread that handled it (keep it
		 * short: it runs on the request path). The standalone jar logs requests this way.
		 */
		public Builder onRequest(java.util.function.Consumer<RecordedRequest> listener) {
			this.requestListener = Objects.requireNonNull(listener, "listener must not be null");
			return this;
		}

		/** Serves the control API under {@code /_fakeyc/}; default {@link ControlApi#OFF}. */
		public Builder controlApi(ControlApi access) {
			this.controlApi = Objects.requireNonNull(access, "access must not be null");
			return this;
		}

		/** The address to bind; default {@code 127.0.0.1}. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host must not be null");
			return this;
		}

		/** The port to bind; default 0, a free one. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
			}
			this.port = port;
			return this;
		}

		/** The clock for every expiry check; default {@link FakeClock#system()}. */
		public Builder clock(FakeClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/** How many requests the journal keeps; default 10,000. */
		public Builder journalCapacity(int capacity) {
			if (capacity < 1) {
				throw new IllegalArgumentException("journal capacity must be at least 1: " + capacity);
			}
			this.journalCapacity = capacity;
			return this;
		}

		/**
		 * The most heap the journal's requests take, in bytes (estimated: two bytes a character plus the
		 * objects around them); past it the oldest requests are dropped. Default
		 * {@link #DEFAULT_JOURNAL_MAX_BYTES} (16 MiB), or an eighth of the JVM's maximum heap when that is
		 * smaller.
		 *
		 * @throws IllegalArgumentException if {@code bytes} is less than 64 KiB
		 */
		public Builder journalMaxBytes(long bytes) {
			if (bytes < 64 * 1024) {
				throw new IllegalArgumentException("journal byte ceiling must be at least 65536 (64 KiB): " + bytes);
			}
			this.journalMaxBytes = bytes;
			return this;
		}

		/** IO threads; default 2 (or 1 on a single core). */
		public Builder ioThreads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("ioThreads must be at least 1: " + threads);
			}
			this.ioThreads = threads;
			return this;
		}

		/** The largest request body accepted; default 16 MiB. */
		public Builder maxBodySize(long bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("maxBodySize must be at least 1: " + bytes);
			}
			this.maxBodySize = bytes;
			return this;
		}

		/**
		 * Adds services to the catalog, or replaces built-in ones of the same id, in the catalog's JSON
		 * format ({@code {"services":[…]}}; see the README).
		 *
		 * @throws IllegalArgumentException naming the JSON path of the problem
		 */
		public Builder catalog(String json) {
			catalogRoutes.addAll(CatalogLoader.parse(json));
			return this;
		}

		public FakeYandexCloud build() {
			return new FakeYandexCloud(this);
		}
	}
}
