package dev.fakeyc.server;

import org.apiguardian.api.API;
import dev.fakeyc.server.internal.catalog.CatalogLoader;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.engine.Engine;
import dev.fakeyc.server.internal.grpc.GrpcClasspath;
import dev.fakeyc.server.internal.grpc.TlsIdentity;
import dev.fakeyc.server.internal.engine.StandaloneSeam;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
@API(status = API.Status.STABLE, since = "0.1")
public final class FakeYandexCloud implements AutoCloseable {
	/** How long an IAM token lives when no lifetime is given: the real maximum, 12 hours. */
	public static final Duration DEFAULT_IAM_TOKEN_LIFETIME = Engine.DEFAULT_IAM_TOKEN_LIFETIME;

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

	static {
		// the standalone jar's narrow way to the engine (a request log); nothing public exists only for it
		StandaloneSeam.install(cloud -> ((FakeYandexCloud) cloud).engine);
	}

	private final Engine engine;
	private final Access access;
	private final CredentialRegistry credentials;

	private FakeYandexCloud(Builder b) {
		Journal journal = new Journal(b.journalCapacity, b.journalMaxBytes);
		Engine.ControlAccess control = Engine.ControlAccess.valueOf(b.controlApi.name());
		this.engine = new Engine(new Engine.Settings(b.host, b.port, b.ioThreads, b.maxBodySize, b.clock, b.catalogRoutes, control,
				b.grpcPort),
				journal, journal.sink());
		this.access = new Access(engine);
		engine.access().change(s -> s.with(b.accessMode));
		this.credentials = new CredentialRegistry(engine);
	}

	/**
	 * A fake with every default: 127.0.0.1, a free port, the system clock, the built-in catalog.
	 *
	 * @return a fake not yet started: call {@link #start()}
	 */
	public static FakeYandexCloud create() {
		return builder().build();
	}

	/**
	 * A builder for a fake with other settings.
	 *
	 * @return a builder with every default; not thread-safe
	 */
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
		engine.start();
		return this;
	}

	/**
	 * Stops answering and frees the port: once it returns, nothing listens, even if {@link #start()}
	 * ran at the same time on another thread (a start after close throws). Safe to call more than
	 * once, and before start.
	 */
	@Override
	public void close() {
		engine.close();
	}

	/**
	 * Whether the server is answering requests now.
	 *
	 * @return true between {@link #start()} and {@link #close()}
	 */
	public boolean isRunning() {
		return engine.isRunning();
	}

	/**
	 * The port it listens on.
	 *
	 * @return the bound port (the free one chosen for port 0), 1 to 65535
	 * @throws IllegalStateException when the server is not started, or closed
	 */
	public int port() {
		return engine.port();
	}

	/**
	 * The base URL a client puts in place of {@code https://<service>.api.cloud.yandex.net}:
	 * {@code http://127.0.0.1:PORT} (an IPv6 host in brackets), no trailing slash. Use
	 * {@code baseUrl().toString()} where a client takes a string.
	 *
	 * @return {@code http://HOST:PORT}
	 * @throws IllegalStateException when the server is not started
	 */
	public URI baseUrl() {
		return URI.create(engine.baseUrl());
	}

	/**
	 * The URL of a path on the fake, such as {@code url("/foundationModels/v1/completion")}.
	 *
	 * @param path a path, optionally with a query; a leading {@code /} is added when missing
	 * @return {@link #baseUrl()} followed by the path
	 * @throws IllegalStateException    when the server is not started, or closed
	 * @throws NullPointerException     for a null path
	 * @throws IllegalArgumentException when the path does not make a valid URI
	 */
	public URI url(String path) {
		return engine.url(path);
	}

	// --- time and journal ----------------------------------------------------

	/**
	 * The clock every expiry check reads; move it to expire tokens and keys.
	 *
	 * @return the clock given to {@link Builder#clock(FakeClock)}, or the default system-based one
	 */
	public FakeClock clock() {
		return engine.clock();
	}

	/**
	 * The requests received, with their decisions.
	 *
	 * @return the journal, live: it shows requests recorded after this call too
	 */
	public Journal journal() {
		return engine.journal();
	}

	/**
	 * The accounts and credentials beyond creating and issuing them: register given values, find, revoke, delete,
	 * the VM metadata endpoint's service account, whole config documents.
	 *
	 * @return the view of this fake's credentials; the same object on every call
	 */
	public CredentialRegistry credentials() {
		return credentials;
	}

	// --- accounts -----------------------------------------------------------

	/**
	 * Creates a service account in a new folder.
	 *
	 * @return the registered account, with generated ids ({@code aje…}, folder {@code b1g…})
	 */
	public ServiceAccount createServiceAccount() {
		return engine.createServiceAccount(engine.newFolderId());
	}

	/**
	 * Creates a service account in the given folder.
	 *
	 * @param folderId the folder's id, a cloud id ({@code b1g…})
	 * @return the registered account, with a generated id
	 * @throws IllegalArgumentException for a folder id that is not a cloud id
	 */
	public ServiceAccount createServiceAccount(String folderId) {
		return engine.createServiceAccount(folderId);
	}

	/**
	 * Creates a user account.
	 *
	 * @return the registered account, with a generated id
	 */
	public UserAccount createUserAccount() {
		return engine.createUserAccount();
	}

	/**
	 * Makes every authenticated request of this account fail with 403 {@code Permission denied}, the real cloud's answer
	 * when the account lacks a role (reference: {@code yandex-cloud-auth.md}).
	 *
	 * @param account a registered account
	 * @throws IllegalArgumentException when the account is not registered
	 * @throws NullPointerException     for a null account
	 */
	public void denyPermissions(Subject account) {
		engine.setDenied(account, true);
	}

	/**
	 * Undoes {@link #denyPermissions(Subject)}.
	 *
	 * @param account a registered account
	 * @throws IllegalArgumentException when the account is not registered
	 * @throws NullPointerException     for a null account
	 */
	public void allowPermissions(Subject account) {
		engine.setDenied(account, false);
	}

	// --- credentials ----------------------------------------------------------

	/**
	 * Issues an IAM token for an account, valid for {@link #DEFAULT_IAM_TOKEN_LIFETIME} on the fake's clock.
	 *
	 * @param account a registered account
	 * @return the registered token ({@code t1.…})
	 * @throws NullPointerException     for a null account
	 * @throws IllegalArgumentException when the account is not registered
	 */
	public IamToken issueIamToken(Subject account) {
		return issueIamToken(account, DEFAULT_IAM_TOKEN_LIFETIME);
	}

	/**
	 * Issues an IAM token valid for {@code lifetime} from now on the fake's clock.
	 *
	 * @param account  a registered account
	 * @param lifetime how long it lives; zero or negative gives a token already expired
	 * @return the registered token ({@code t1.…})
	 * @throws NullPointerException     for a null account or lifetime
	 * @throws IllegalArgumentException when the account is not registered
	 */
	public IamToken issueIamToken(Subject account, Duration lifetime) {
		return engine.issueIamToken(account, lifetime);
	}

	/**
	 * Creates an API key with the default scopes ({@link Scopes#DEFAULT}) and no expiry.
	 *
	 * @param owner a registered service account
	 * @return the registered key ({@code AQVN…})
	 * @throws NullPointerException     for a null owner
	 * @throws IllegalArgumentException when the owner is not registered
	 */
	public ApiKey createApiKey(ServiceAccount owner) {
		return createApiKey(owner, Set.of());
	}

	/**
	 * Creates an API key with the given scopes and no expiry.
	 *
	 * @param owner  a registered service account
	 * @param scopes the scopes; empty gives {@link Scopes#DEFAULT}; an unknown scope is refused
	 * @return the registered key ({@code AQVN…})
	 * @throws NullPointerException     for a null owner
	 * @throws IllegalArgumentException naming an unknown scope and the known ones, or when the owner is not registered
	 */
	public ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes) {
		return engine.createApiKey(owner, scopes, null);
	}

	/**
	 * Creates an API key.
	 *
	 * @param owner     a registered service account
	 * @param scopes    the scopes; empty gives {@link Scopes#DEFAULT}; an unknown scope is refused
	 * @param expiresAt when it expires on the fake's clock; for a key that never expires, use
	 *                  {@link #createApiKey(ServiceAccount, Collection)}
	 * @return the registered key ({@code AQVN…})
	 * @throws IllegalArgumentException naming an unknown scope and the known ones
	 * @throws NullPointerException     for a null owner or expiresAt
	 */
	public ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes, Instant expiresAt) {
		Objects.requireNonNull(expiresAt, "expiresAt must not be null: for a key that never expires, call createApiKey(owner, scopes)");
		return engine.createApiKey(owner, scopes, expiresAt);
	}

	/**
	 * Issues a Yandex ID OAuth token for a user account, valid for a year (365 days) on the fake's clock.
	 *
	 * @param account a registered user account
	 * @return the registered token ({@code y0_…})
	 * @throws NullPointerException     for a null account
	 * @throws IllegalArgumentException when the account is not registered
	 */
	public OAuthToken issueOAuthToken(UserAccount account) {
		return engine.issueOAuthToken(account);
	}

	/**
	 * Creates an RSA-2048 authorized key for a service account; the fake keeps the public half to verify
	 * JWTs, the returned key holds the private half to sign them. Generating the key takes some tens of milliseconds.
	 *
	 * @param owner a registered service account
	 * @return the registered key, with its private half
	 * @throws NullPointerException     for a null owner
	 * @throws IllegalArgumentException when the owner is not registered
	 */
	public AuthorizedKey createAuthorizedKey(ServiceAccount owner) {
		return engine.createAuthorizedKey(owner);
	}

	// --- responses ----------------------------------------------------------

	/**
	 * Sets the response of accepted requests to a route. The credential is still checked first; only
	 * an accepted request gets this response. {@code path} may hold {@code {name}} segments and a
	 * final {@code **}; the stub set last wins.
	 *
	 * @param method   an HTTP method, or {@code *}
	 * @param path     a path template, such as {@code /translate/v2/translate} or {@code /operations/{id}}
	 * @param response what accepted requests get
	 * @throws NullPointerException     for a null argument
	 * @throws IllegalArgumentException if the path template is malformed
	 */
	public void stub(String method, String path, StubResponse response) {
		Objects.requireNonNull(response, "response must not be null");
		stub(method, path, (request, body) -> response);
	}

	/**
	 * Sets a computed response for accepted requests to a route; see {@link #stub(String, String, StubResponse)}.
	 *
	 * @param method    an HTTP method, or {@code *}
	 * @param path      a path template, as for {@link #stub(String, String, StubResponse)}
	 * @param responder computes each accepted request's response, off the IO threads
	 * @throws NullPointerException     for a null argument
	 * @throws IllegalArgumentException if the path template is malformed
	 */
	public void stub(String method, String path, Responder responder) {
		engine.stub(method, path, responder);
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
	 * @param script what the stream sends
	 * @throws IllegalArgumentException if the path template is malformed
	 */
	public void stubStream(String method, String path, StreamScript script) {
		engine.stubStream(method, path, script);
	}

	/** Removes every stub: routes answer with their defaults again. */
	public void clearStubs() {
		engine.clearStubs();
	}

	/**
	 * Forgets every account, credential, stub and journal entry added since, and detaches the
	 * metadata endpoint's service account; what the last {@link CredentialRegistry#declare(String)} declared (the
	 * standalone jar's {@code --config} file) is registered again. The credential set changes in one
	 * swap: a request meanwhile is decided on the old set or the new one, never on an empty one. The
	 * clock, the catalog and the port stay.
	 */
	public void reset() {
		engine.reset();
	}

	@Override
	public String toString() {
		return "FakeYandexCloud[" + engine.describe() + "]";
	}

	// --- the gRPC front ---------------------------------------------------------

	/**
	 * The gRPC front's address in authority form, {@code 127.0.0.1:PORT}: for {@code NettyChannelBuilder.forTarget},
	 * and the official Java SDK's {@code ServiceFactory.builder().endpoint(…)} and {@code cloudIAMEndpoint(…)}. The
	 * front speaks TLS only, as the cloud does (trust it with {@link #trustGrpcCertificates()}).
	 *
	 * @return {@code HOST:PORT}; 127.0.0.1 when the fake binds the wildcard address, an IPv6 host in brackets
	 * @throws IllegalStateException when the fake is not started, or was built without {@link Builder#grpc(int)}
	 * @since 0.1
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public String grpcTarget() {
		int grpc = engine.grpcPort();
		String host = engine.host();
		if (host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost")) {
			host = "127.0.0.1";
		}
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + grpc;
	}

	/**
	 * The certificate the gRPC front serves, PEM-encoded: for non-JVM clients (Node's {@code rootCerts}, Go's
	 * {@code x509.CertPool}, Python's {@code root_certificates}) and for writing to a file. One self-signed
	 * certificate per JVM, shared by every fake in it, made at run time by the JDK's {@code keytool} on first use
	 * (EC P-256; subject alternative names IP 127.0.0.1, IP ::1, DNS localhost; valid for 10 years).
	 *
	 * @return {@code -----BEGIN CERTIFICATE-----} … {@code -----END CERTIFICATE-----}, newline-terminated
	 * @throws IllegalStateException when the certificate cannot be made (no {@code keytool} in the Java runtime)
	 * @since 0.1
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public String grpcCertificatePem() {
		return TlsIdentity.get().certificatePem();
	}

	/**
	 * Makes this JVM trust the gRPC front's certificate, keeping every trust anchor it had (the JDK's
	 * {@code cacerts}, or the store {@code javax.net.ssl.trustStore} names), so real TLS still works: the SDKs dial
	 * TLS only and verify the host. Writes both into a temporary JKS store (with the password
	 * {@code javax.net.ssl.trustStorePassword} names, if any: it loads with or without one), points the system property
	 * {@code javax.net.ssl.trustStore} at it (grpc-netty reads it) — the one property changed, so a client starting on
	 * another thread sees the old trust or the new; {@code javax.net.ssl.trustStoreType} is set to {@code JKS} too only
	 * where it named another type — and sets {@link javax.net.ssl.SSLContext#setDefault} to trust it too. The
	 * certificate is one per JVM, so one call covers every fake in the JVM, however many run. Idempotent and
	 * thread-safe; call it before the first TLS connection a client makes (a JDK client may cache its trust).
	 *
	 * @throws IllegalStateException when the trust stores cannot be read or written
	 * @since 0.1
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public static void trustGrpcCertificates() {
		TlsIdentity.installJvmWideTrust();
	}

	/**
	 * Authorization after authentication: the resource hierarchy, access bindings and access mode.
	 * By default an account with no binding may call everything (see {@link AccessMode#DEFAULT}).
	 *
	 * @return the view of this fake's access state; the same one on every call
	 */
	public Access access() {
		return access;
	}

	/**
	 * The least-privilege report over the journal: per account (service accounts, as a rule), the fewest roles (and where
	 * bound) that would have allowed every request it made, and its requests refused for a missing role.
	 *
	 * @return the report of the requests the journal holds now
	 */
	public AccessReport accessReport() {
		return access.report(engine.journal().requests());
	}

	/**
	 * Who may use the control API under {@code /_fakeyc/} (health, journal, credentials, reset).
	 *
	 * @since 0.1
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public enum ControlApi {
		/** No control API: {@code /_fakeyc/…} is an unknown route. */
		OFF,
		/** Served to clients on a loopback address only; others get 403. */
		LOOPBACK_ONLY,
		/** Served to any client. */
		ANY_ADDRESS
	}

	/** Builds a {@link FakeYandexCloud}. Every setting has a default; see each method. */
	@API(status = API.Status.STABLE, since = "0.1")
	public static final class Builder {
		private String host = "127.0.0.1";
		private int port = 0;
		private int ioThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
		private long maxBodySize = 16L * 1024 * 1024;
		private FakeClock clock = FakeClock.system();
		private int journalCapacity = 10_000;
		private long journalMaxBytes = defaultJournalMaxBytes();
		private final List<Route> catalogRoutes = new ArrayList<>();
		private ControlApi controlApi = ControlApi.OFF;
		private int grpcPort = Engine.GRPC_OFF;
		private AccessMode accessMode = AccessMode.DEFAULT;

		private Builder() {
		}

		/**
		 * Also serves the gRPC front: the official Yandex Cloud SDKs' protocol, over TLS, on the builder's host at
		 * {@code port}, with the same credentials, clock, catalog, decision, stubs and journal as the REST front. Off
		 * unless called. Its certificate is one per JVM (see {@link FakeYandexCloud#trustGrpcCertificates()} and
		 * {@link FakeYandexCloud#grpcCertificatePem()}); its address is {@link FakeYandexCloud#grpcTarget()}. A gRPC
		 * call is journaled as {@code POST /pkg.Service/Method} and stubbed the same way
		 * ({@code stub("POST", "/yandex.cloud.resourcemanager.v1.FolderService/List", …)}).
		 *
		 * <p>Needs grpc-java on the classpath (grpc-netty-shaded, grpc-core, grpc-api, 1.43.2 or newer; the official
		 * Java SDK brings them): fakeyc declares them optional, so REST-only users do not get them.
		 *
		 * @param port 0 to 65535; 0 for a free port
		 * @return this builder
		 * @throws IllegalArgumentException for a port outside 0 to 65535
		 * @throws IllegalStateException when grpc-java is not on the classpath, naming the artifacts to add
		 */
		@API(status = API.Status.EXPERIMENTAL, since = "0.1")
		public Builder grpc(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("grpc port must be between 0 and 65535: " + port);
			}
			if (!GrpcClasspath.present()) {
				throw new IllegalStateException("the gRPC front needs grpc-java on the classpath: add " + GrpcClasspath.ARTIFACTS);
			}
			this.grpcPort = port;
			return this;
		}

		/**
		 * Serves the control API under {@code /_fakeyc/}; default {@link ControlApi#OFF}.
		 *
		 * @param access who may use it
		 * @return this builder
		 * @throws NullPointerException for null
		 */
		public Builder controlApi(ControlApi access) {
			this.controlApi = Objects.requireNonNull(access, "access must not be null");
			return this;
		}

		/**
		 * Which access bindings count; default {@link AccessMode#DEFAULT} (an account with no binding may
		 * call everything). {@link AccessMode#STRICT}: only explicit bindings count.
		 *
		 * @param mode the mode
		 * @return this builder
		 * @throws NullPointerException for null
		 */
		public Builder accessMode(AccessMode mode) {
			this.accessMode = Objects.requireNonNull(mode, "mode must not be null");
			return this;
		}

		/**
		 * The address to bind; default {@code 127.0.0.1}.
		 *
		 * @param host an IP address or host name, such as {@code 0.0.0.0} in a container; checked at {@link #start()}
		 * @return this builder
		 * @throws NullPointerException for null
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host must not be null");
			return this;
		}

		/**
		 * The port to bind; default 0, a free one.
		 *
		 * @param port 0 to 65535
		 * @return this builder
		 * @throws IllegalArgumentException for a port outside 0 to 65535
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * The clock for every expiry check; default {@link FakeClock#system()}.
		 *
		 * @param clock the clock
		 * @return this builder
		 * @throws NullPointerException for null
		 */
		public Builder clock(FakeClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * How many requests the journal keeps; default 10,000. Past it the oldest are dropped.
		 *
		 * @param capacity at least 1, in requests
		 * @return this builder
		 * @throws IllegalArgumentException for less than 1
		 */
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
		 * @param bytes at least 65,536 (64 KiB)
		 * @return this builder
		 * @throws IllegalArgumentException if {@code bytes} is less than 64 KiB
		 */
		public Builder journalMaxBytes(long bytes) {
			if (bytes < 64 * 1024) {
				throw new IllegalArgumentException("journal byte ceiling must be at least 65536 (64 KiB): " + bytes);
			}
			this.journalMaxBytes = bytes;
			return this;
		}

		/**
		 * Undertow's IO threads; default 2 (or 1 on a single core).
		 *
		 * @param threads at least 1
		 * @return this builder
		 * @throws IllegalArgumentException for less than 1
		 */
		public Builder ioThreads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("ioThreads must be at least 1: " + threads);
			}
			this.ioThreads = threads;
			return this;
		}

		/**
		 * The largest request body accepted; default 16 MiB. A larger one is refused with 413.
		 *
		 * @param bytes at least 1, in bytes
		 * @return this builder
		 * @throws IllegalArgumentException for less than 1
		 */
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
		 * @param json the catalog document, JSON text
		 * @return this builder
		 * @throws IllegalArgumentException naming the JSON path of the problem
		 */
		public Builder catalog(String json) {
			catalogRoutes.addAll(CatalogLoader.parse(json));
			return this;
		}

		/**
		 * A fake with these settings, not yet started: call {@link FakeYandexCloud#start()}.
		 *
		 * @return a new fake; each call makes another one
		 */
		public FakeYandexCloud build() {
			return new FakeYandexCloud(this);
		}
	}
}
