package dev.fakeyc.junit;

import dev.fakeyc.junit.internal.ServerLogLevels;
import dev.fakeyc.junit.internal.ServerResource;
import dev.fakeyc.junit.internal.Settings;
import dev.fakeyc.junit.internal.TestCredentials;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.StreamScript;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The JUnit Jupiter extension behind {@link WithFakeYandexCloud}, also usable programmatically:
 *
 * <pre>{@code
 * class MonitoringTest {
 *     @RegisterExtension
 *     static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder()
 *             .configure(fake -> fake.stub("POST", "/monitoring/v2/data/write", StubResponse.json(503, "{}")))
 *             .build();
 *
 *     @Test
 *     void retriesWhenMonitoringIsDown(@Scoped("yc.monitoring.manage") ApiKey key) {
 *         var writer = new MetricsWriter(cloud.baseUrl(), key.value(), folder);
 *         …
 *     }
 * }
 * }</pre>
 *
 * <p>A {@code static} field gives one server per class (shared by {@code @Nested} classes); an
 * instance field gives one per test method (and no server for {@code @BeforeAll} or constructors,
 * which run before the field exists). All state lives in JUnit's extension-context stores, which close
 * the servers; this object holds only its settings and, for {@link #server()}, a reference to the
 * server its store entry started.
 *
 * <p>Parameters it resolves: {@link FakeYandexCloud}; {@code @FakeCloudUrl URI} and
 * {@code @FakeCloudUrl String}; {@code @FakeCloudGrpcTarget String} (with the gRPC front on); {@link ReceivedRequests}; {@link FakeClock}; and fresh credentials of
 * the test — {@link dev.fakeyc.server.ServiceAccount}, {@link dev.fakeyc.server.UserAccount},
 * {@link dev.fakeyc.server.IamToken} (the service account's; {@link UserAccountToken} for the user's;
 * {@link Expired} for one already expired), {@link dev.fakeyc.server.ApiKey} ({@link Scoped} for its
 * scopes, {@link Expired}) and {@link dev.fakeyc.server.AuthorizedKey}. Credentials of one test — given
 * to its constructor (JUnit 5.12+ creates the instance in the test method's scope), its
 * {@code @BeforeEach}/{@code @AfterEach} methods and the test — belong to the same service account and
 * are deleted after the test.
 *
 * <p>With parallel execution nothing one test does clears or changes what another sees: see
 * {@link ReceivedRequests} for which requests a test sees, {@link FakeCloudLocks} for how tests that
 * change server-wide state are run alone on their server, and {@link ExclusiveServer}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FakeYandexCloudExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver, TestInstantiationAwareExtension {
	private static final Namespace NAMESPACE = Namespace.create(FakeYandexCloudExtension.class);
	private static final String CURRENT = "current";
	private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

	/** Null for the declarative form: its settings come from the annotation. */
	private final Settings settings;
	private final AtomicReference<FakeYandexCloud> handle = new AtomicReference<>();

	/** The declarative form's constructor, called by JUnit for {@link WithFakeYandexCloud}. */
	public FakeYandexCloudExtension() {
		this.settings = null;
	}

	private FakeYandexCloudExtension(Settings settings) {
		this.settings = settings;
	}

	/**
	 * A builder for the programmatic form, registered with {@code @RegisterExtension} on a static field (a server per
	 * class, or the run's shared one) or an instance field (a server per test).
	 *
	 * @return a new builder with the defaults of {@link WithFakeYandexCloud}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The server in use for the given context, for other extensions.
	 *
	 * @param context the extension context of a test or container inside a class that uses the fake
	 * @return the running fake, or empty when no fake is running for that context
	 */
	public static Optional<FakeYandexCloud> server(ExtensionContext context) {
		return Optional.ofNullable(context.getStore(NAMESPACE).get(CURRENT, Current.class)).map(c -> c.resource().cloud());
	}

	/**
	 * The server this registration started (programmatic form). Changing server-wide state through it
	 * (stubs, the clock, {@code reset()}) from a test needs that test to be {@link ExclusiveServer} when
	 * tests run in parallel.
	 *
	 * @return the running fake
	 * @throws IllegalStateException before the server started (outside tests and lifecycle methods)
	 */
	public FakeYandexCloud server() {
		FakeYandexCloud cloud = handle.get();
		if (cloud == null) {
			throw new IllegalStateException("no fake Yandex Cloud is running for this registration yet: it starts before each test "
					+ "(before all tests for a static field); use it inside tests or lifecycle methods");
		}
		return cloud;
	}

	/**
	 * The server's base URL (programmatic form), {@code http://127.0.0.1:PORT}; see {@link FakeYandexCloud#baseUrl()}.
	 *
	 * @return the base URL, with no trailing slash
	 * @throws IllegalStateException before the server started (outside tests and lifecycle methods)
	 */
	public URI baseUrl() {
		return server().baseUrl();
	}

	/**
	 * The server's gRPC target (programmatic form), {@code 127.0.0.1:PORT}; see {@link FakeYandexCloud#grpcTarget()}.
	 *
	 * @return the host and port of the gRPC front, for an SDK's endpoint
	 * @throws IllegalStateException before the server started, or when the registration has no {@link Builder#grpc()}
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public String grpcTarget() {
		return server().grpcTarget();
	}

	/** Whether this registration asks for the run's shared server. */
	boolean isShared() {
		return settings != null && settings.shared();
	}

	// --- lifecycle -----------------------------------------------------------

	/**
	 * Asks JUnit (5.12 and later) to create test instances in the test method's context, so that a
	 * constructor's parameters belong to the test like the method's: the same credentials, the same
	 * {@link ReceivedRequests}. JUnit ignores it for the per-class lifecycle, where one instance serves
	 * every test of the class and its constructor's credentials are the class's.
	 */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	/**
	 * Starts the class's server, or joins the run's shared one.
	 *
	 * @throws ExtensionConfigurationException when the server cannot start, or a shared server of the
	 *                                         programmatic form lacks {@link FakeCloudLocks} under parallel execution
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		Settings s = settings(context);
		ServerResource resource = ensureServer(context, s);
		handle.set(resource.cloud());
		if (resource.shared() && parallel(context) && !FakeCloudLocks.declaredOn(context.getEnclosingTestClasses(), context.getRequiredTestClass())) {
			throw new ExtensionConfigurationException(context.getRequiredTestClass().getName() + " uses the run's shared fake Yandex Cloud "
					+ "while tests run in parallel, but does not tell JUnit which tests change it: add "
					+ "@ResourceLock(providers = FakeCloudLocks.class) to the class (@WithFakeYandexCloud(shared = true) declares it for you)");
		}
	}

	/**
	 * Starts a server for an instance-field registration; checks that a test which needs its server to
	 * itself gets it; opens the test's {@link ReceivedRequests} view (nothing is cleared).
	 *
	 * @throws ExtensionConfigurationException when the test needs the server to itself under parallel
	 *                                         execution but its class does not declare {@link FakeCloudLocks}
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		Settings s = settings(context);
		ServerResource resource = ensureServer(context, s);
		handle.set(resource.cloud());
		if (parallel(context) && !ownedBy(resource, context) && !FakeCloudLocks.declaredOn(context.getEnclosingTestClasses(), context.getRequiredTestClass())
				&& FakeCloudLocks.needsServerToItself(context.getEnclosingTestClasses(), context.getRequiredTestClass(), context.getRequiredTestMethod())) {
			throw new ExtensionConfigurationException(context.getRequiredTestClass().getName() + "." + context.getRequiredTestMethod().getName()
					+ " needs the fake Yandex Cloud to itself (it takes FakeYandexCloud, FakeClock or an @AttachedToMetadata account, here or in "
					+ "a constructor or lifecycle method, or is marked @ExclusiveServer) and tests run in parallel, but its class does not tell "
					+ "JUnit so: add @ResourceLock(providers = FakeCloudLocks.class) to " + context.getRequiredTestClass().getSimpleName()
					+ " (@WithFakeYandexCloud declares it for you), or register the extension in an instance field for a server per test");
		}
		requests(context);
	}

	/**
	 * With {@code failOnUnknownRoute}, fails the test that made a request for which no route exists.
	 *
	 * @throws AssertionError listing the test's requests
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		Current current = context.getStore(NAMESPACE).get(CURRENT, Current.class);
		if (current == null || !current.resource().failOnUnknownRoute()) {
			return;
		}
		ReceivedRequests requests = requests(context);
		List<RecordedRequest> unknown = requests.matching(r -> r.outcome() == Outcome.NO_ROUTE);
		if (!unknown.isEmpty()) {
			throw new AssertionError("the fake Yandex Cloud received " + unknown.size() + " request(s) for which no route exists "
					+ "(a wrong path or method, or a service missing from the catalog):\n" + requests.describe());
		}
	}

	private static boolean parallel(ExtensionContext context) {
		return context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false);
	}

	private static boolean ownedBy(ServerResource resource, ExtensionContext context) {
		return resource.ownerId().equals(context.getUniqueId());
	}

	/** Finds the server visible from this context (own, enclosing class, or shared), or starts one here. */
	private ServerResource ensureServer(ExtensionContext context, Settings s) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		Current visible = store.get(CURRENT, Current.class);
		if (visible != null) {
			return visible.resource();
		}
		// once per run, before the first server prints its INFO lines; the root store holds the quieted loggers
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ServerLogLevels.class, k -> ServerLogLevels.quietUnlessConfigured(),
				ServerLogLevels.class);
		ServerResource resource;
		if (s.shared()) {
			resource = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(s.sharedKey(),
					key -> new ServerResource(startServer(s), true, s.failOnUnknownRoute(), context.getRoot().getUniqueId(), "shared"), ServerResource.class);
		} else {
			String name = context.getRequiredTestClass().getName() + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
			resource = new ServerResource(startServer(s), false, s.failOnUnknownRoute(), context.getUniqueId(), name);
			store.put("owned:" + context.getUniqueId(), resource); // JUnit closes it with this context
		}
		store.put(CURRENT, new Current(resource));
		return resource;
	}

	private static FakeYandexCloud startServer(Settings s) {
		try {
			return s.start();
		} catch (RuntimeException e) {
			throw new ExtensionConfigurationException("cannot start the fake Yandex Cloud: " + e.getMessage(), e);
		}
	}

	/** The server a context uses, as a store value that JUnit does not close (its owner does). */
	private record Current(ServerResource resource) {
	}

	private Settings settings(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		Optional<WithFakeYandexCloud> annotation = AnnotationSupport.findAnnotation(testClass, WithFakeYandexCloud.class);
		if (settings != null) {
			if (annotation.isPresent()) {
				throw new ExtensionConfigurationException(testClass.getName() + " both carries @WithFakeYandexCloud and registers a "
						+ "FakeYandexCloudExtension with @RegisterExtension: keep one of the two (the builder can do all the annotation does)");
			}
			return settings;
		}
		return annotation.map(a -> fromAnnotation(a, testClass)).orElse(Settings.DEFAULT);
	}

	private static Settings fromAnnotation(WithFakeYandexCloud a, Class<?> testClass) {
		if (a.shared() && a.port() != 0) {
			throw new ExtensionConfigurationException("@WithFakeYandexCloud on " + testClass.getName() + " asks for a shared server on fixed port "
					+ a.port() + ": a shared server serves every class of the run, so drop port (a free port is picked) or shared");
		}
		if (a.port() < 0 || a.port() > 65535) {
			throw new ExtensionConfigurationException("@WithFakeYandexCloud(port = " + a.port() + ") on " + testClass.getName()
					+ ": the port must be between 0 (a free one) and 65535");
		}
		String catalog = a.catalog().isEmpty() ? "" : readResource(a.catalog(), testClass);
		return new Settings(a.port(), a.shared(), catalog, a.failOnUnknownRoute(), null, null, a.accessMode(), a.grpc());
	}

	private static String readResource(String name, Class<?> testClass) {
		String path = name.startsWith("/") ? name.substring(1) : name;
		try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new ExtensionConfigurationException("@WithFakeYandexCloud(catalog = \"" + name + "\") on " + testClass.getName()
						+ ": no such resource on the test classpath; put the JSON file under src/test/resources");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// --- parameters -----------------------------------------------------------

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return Parameters.supports(parameter);
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Current current = context.getStore(NAMESPACE).get(CURRENT, Current.class);
		if (current == null && context.getTestMethod().isEmpty()) {
			// a constructor under PER_CLASS runs before beforeAll: start the class's server now
			ensureServer(context, settings(context));
			current = context.getStore(NAMESPACE).get(CURRENT, Current.class);
		}
		if (current == null) {
			throw new ParameterResolutionException("no fake Yandex Cloud is running for " + Parameters.describe(parameter)
					+ ": annotate the class with @WithFakeYandexCloud, or register FakeYandexCloudExtension in a static field "
					+ "(an instance-field registration starts its server for test methods only, not for @BeforeAll methods or constructors)");
		}
		FakeYandexCloud cloud = current.resource().cloud();
		return Parameters.resolve(parameter, cloud, () -> requests(context), () -> credentials(context, cloud));
	}

	private static String requestsKey(ExtensionContext context) {
		return "requests:" + context.getUniqueId();
	}

	/**
	 * The requests view of this context, opened on first use (the constructor, under the test-method
	 * scope, or beforeEach). A test's view also counts the credentials of the class-level contexts above
	 * it (per-class constructor, @BeforeAll) that see the same server.
	 */
	private ReceivedRequests requests(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		String key = requestsKey(context);
		ReceivedRequests own = store.get(key, ReceivedRequests.class);
		if (own != null) {
			return own;
		}
		ServerResource resource = Objects.requireNonNull(store.get(CURRENT, Current.class)).resource();
		ReceivedRequests enclosing = context.getParent()
				.filter(parent -> parent.getTestClass().isPresent() && parent.getStore(NAMESPACE).get(CURRENT, Current.class) != null)
				.map(this::requests).orElse(null);
		boolean exclusive = !parallel(context) || ownedBy(resource, context) || (context.getTestMethod().isPresent()
				&& FakeCloudLocks.declaredOn(context.getEnclosingTestClasses(), context.getRequiredTestClass())
				&& FakeCloudLocks.needsServerToItself(context.getEnclosingTestClasses(), context.getRequiredTestClass(), context.getRequiredTestMethod()));
		return store.getOrComputeIfAbsent(key, k -> new ReceivedRequests(resource.cloud().journal(), exclusive, enclosing, resource.cloud().access()),
				ReceivedRequests.class);
	}

	private TestCredentials credentials(ExtensionContext context, FakeYandexCloud cloud) {
		ReceivedRequests requests = requests(context);
		return context.getStore(NAMESPACE).getOrComputeIfAbsent("credentials:" + context.getUniqueId(),
				k -> new TestCredentials(cloud, requests::track, requests::trackCredential), TestCredentials.class);
	}

	@Override
	public String toString() {
		return "FakeYandexCloudExtension[" + (settings == null ? "declarative" : settings) + "]";
	}

	/**
	 * Builds a {@link FakeYandexCloudExtension} for {@code @RegisterExtension}.
	 */
	public static final class Builder {
		private int port;
		private boolean shared;
		private String catalogJson = "";
		private boolean failOnUnknownRoute;
		private AccessMode accessMode = AccessMode.DEFAULT;
		private FakeClock clock;
		private Consumer<FakeYandexCloud> setup;
		private boolean grpc;

		private Builder() {
		}

		/**
		 * Also serves the fake's gRPC front — TLS on a free port of 127.0.0.1, what the official SDKs dial — injected
		 * with {@link FakeCloudGrpcTarget} and read with {@link FakeYandexCloudExtension#grpcTarget()}. Once it has
		 * started, the test JVM trusts the front's certificate beside the JDK's default CAs (JVM-wide: the SDKs build
		 * their TLS from the default trust store), so an SDK pointed at the target connects unchanged.
		 *
		 * @return this builder
		 */
		@API(status = API.Status.EXPERIMENTAL, since = "0.1")
		public Builder grpc() {
			this.grpc = true;
			return this;
		}

		/**
		 * A fixed port instead of a free one.
		 *
		 * @param port the TCP port on 127.0.0.1, 1 to 65535; 0 (the default) for a free one
		 * @return this builder
		 * @throws ExtensionConfigurationException when {@code port} is outside 0 to 65535
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new ExtensionConfigurationException("port must be between 0 (a free one) and 65535, not " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * One server for the whole test run (in JUnit's root store), shared with every class that asks for the same settings.
		 *
		 * @return this builder
		 */
		public Builder shared() {
			this.shared = true;
			return this;
		}

		/**
		 * Catalog additions in the catalog's JSON format (see the README): routes, services and their scopes.
		 *
		 * @param json the catalog document; an invalid one fails the class's start with the catalog's own message
		 * @return this builder
		 * @throws NullPointerException when {@code json} is null
		 */
		public Builder catalog(String json) {
			this.catalogJson = Objects.requireNonNull(json, "json");
			return this;
		}

		/**
		 * Which access bindings count on the server: {@link AccessMode#STRICT} for "only explicit
		 * bindings" — grant them with {@link Roles} on an injected credential or through
		 * {@code cloud.access()}. Default {@link AccessMode#DEFAULT}: an account with no binding may call everything.
		 *
		 * @param mode the mode
		 * @return this builder
		 * @throws NullPointerException when {@code mode} is null
		 */
		public Builder accessMode(AccessMode mode) {
			this.accessMode = Objects.requireNonNull(mode, "mode");
			return this;
		}

		/**
		 * Fails a test whose requests hit no route of the catalog.
		 *
		 * @return this builder
		 */
		public Builder failOnUnknownRoute() {
			this.failOnUnknownRoute = true;
			return this;
		}

		/**
		 * The clock the server's expiry checks read; the test keeps it to move time.
		 *
		 * @param clock the fake clock (not shared with another server)
		 * @return this builder
		 * @throws NullPointerException when {@code clock} is null
		 */
		public Builder clock(FakeClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Runs once on the started server: register fixed credentials, set stubs.
		 *
		 * @param setup called with the started server before the first test uses it
		 * @return this builder
		 * @throws NullPointerException when {@code setup} is null
		 */
		public Builder configure(Consumer<FakeYandexCloud> setup) {
			this.setup = Objects.requireNonNull(setup, "setup");
			return this;
		}

		/**
		 * Sets what a streaming route streams for the class's server, on start (see
		 * {@link FakeYandexCloud#stubStream(String, String, StreamScript)}). A script for one test alone goes on the
		 * injected {@code FakeYandexCloud} inside the test.
		 *
		 * <pre>{@code
		 * @RegisterExtension
		 * static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder()
		 *         .stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("Hel").text("lo").breakOffAfter(1).build())
		 *         .build();
		 * }</pre>
		 *
		 * @param method the HTTP method of the streaming route, e.g. {@code POST}
		 * @param path   the route's path, e.g. {@code /v1/chat/completions}
		 * @param script what the route streams
		 * @return this builder
		 * @throws NullPointerException when an argument is null
		 */
		public Builder stubStream(String method, String path, StreamScript script) {
			Objects.requireNonNull(method, "method");
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(script, "script");
			Consumer<FakeYandexCloud> stub = fake -> fake.stubStream(method, path, script);
			this.setup = setup == null ? stub : setup.andThen(stub);
			return this;
		}

		/**
		 * The extension with these settings.
		 *
		 * @return the extension, to assign to a {@code @RegisterExtension} field
		 * @throws ExtensionConfigurationException for conflicting settings, saying which to drop
		 */
		public FakeYandexCloudExtension build() {
			if (shared && port != 0) {
				throw new ExtensionConfigurationException("a shared server cannot have the fixed port " + port
						+ ": it serves every class of the run; drop port(…) (a free port is picked) or shared()");
			}
			if (shared && (clock != null || setup != null)) {
				throw new ExtensionConfigurationException("a shared server cannot take clock(…), configure(…) or stubStream(…): every class of the run "
						+ "would share them; give the class a server of its own (drop shared()), or set them up in @BeforeAll");
			}
			if (!catalogJson.isEmpty()) {
				try {
					FakeYandexCloud.builder().catalog(catalogJson);
				} catch (IllegalArgumentException e) {
					throw new ExtensionConfigurationException("the catalog given to FakeYandexCloudExtension.builder() is wrong: " + e.getMessage(), e);
				}
			}
			return new FakeYandexCloudExtension(new Settings(port, shared, catalogJson, failOnUnknownRoute, clock, setup, accessMode, grpc));
		}
	}
}
