package dev.fakeyc.junit;

import dev.fakeyc.junit.internal.ServerResource;
import dev.fakeyc.junit.internal.Settings;
import dev.fakeyc.junit.internal.TestCredentials;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.StreamScript;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
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
 * {@code @FakeCloudUrl String}; {@link ReceivedRequests}; {@link FakeClock}; and fresh credentials of
 * the test — {@link dev.fakeyc.server.ServiceAccount}, {@link dev.fakeyc.server.UserAccount},
 * {@link dev.fakeyc.server.IamToken} (the service account's; {@link UserAccountToken} for the user's;
 * {@link Expired} for one already expired), {@link dev.fakeyc.server.ApiKey} ({@link Scoped} for its
 * scopes, {@link Expired}) and {@link dev.fakeyc.server.AuthorizedKey}. Credentials of one test belong
 * to the same service account and are deleted after the test.
 *
 * @since 0.1
 */
public final class FakeYandexCloudExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
	private static final Namespace NAMESPACE = Namespace.create(FakeYandexCloudExtension.class);
	private static final String CURRENT = "current";

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

	/** A builder for the programmatic form. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The server in use for the given context, for other extensions.
	 *
	 * @return empty when no fake is running for that context
	 */
	public static Optional<FakeYandexCloud> server(ExtensionContext context) {
		return Optional.ofNullable(context.getStore(NAMESPACE).get(CURRENT, Current.class)).map(c -> c.resource().cloud());
	}

	/** The server this registration started (programmatic form). */
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
	 * @throws IllegalStateException outside tests and lifecycle methods, before the server started
	 */
	public URI baseUrl() {
		return server().baseUrl();
	}

	// --- lifecycle -----------------------------------------------------------

	@Override
	public void beforeAll(ExtensionContext context) {
		Settings s = settings(context);
		ServerResource resource = ensureServer(context, s);
		handle.set(resource.cloud());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Settings s = settings(context);
		ServerResource resource = ensureServer(context, s);
		handle.set(resource.cloud());
		boolean ownRequestsOnly = resource.shared() || context.getExecutionMode() == ExecutionMode.CONCURRENT;
		if (!ownRequestsOnly) {
			resource.cloud().journal().clear();
		}
		context.getStore(NAMESPACE).put(requestsKey(context), new ReceivedRequests(resource.cloud().journal(), !ownRequestsOnly));
	}

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

	/** Finds the server visible from this context (own, enclosing class, or shared), or starts one here. */
	private ServerResource ensureServer(ExtensionContext context, Settings s) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		Current visible = store.get(CURRENT, Current.class);
		if (visible != null) {
			return visible.resource();
		}
		ServerResource resource;
		if (s.shared()) {
			resource = context.getRoot().getStore(NAMESPACE)
					.getOrComputeIfAbsent(s.sharedKey(), key -> new ServerResource(startServer(s), true, s.failOnUnknownRoute()), ServerResource.class);
		} else {
			resource = new ServerResource(startServer(s), false, s.failOnUnknownRoute());
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
		return new Settings(a.port(), a.shared(), catalog, a.failOnUnknownRoute(), null, null);
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

	/** The requests view of this context; a class context (constructor, @BeforeAll) gets one on demand. */
	private ReceivedRequests requests(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		ReceivedRequests own = store.get(requestsKey(context), ReceivedRequests.class);
		if (own != null) {
			return own;
		}
		FakeYandexCloud cloud = Objects.requireNonNull(store.get(CURRENT, Current.class)).resource().cloud();
		return store.getOrComputeIfAbsent(requestsKey(context), k -> new ReceivedRequests(cloud.journal(), false), ReceivedRequests.class);
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
		private FakeClock clock;
		private Consumer<FakeYandexCloud> setup;

		private Builder() {
		}

		/** A fixed port instead of a free one. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new ExtensionConfigurationException("port must be between 0 (a free one) and 65535, not " + port);
			}
			this.port = port;
			return this;
		}

		/** One server for the whole test run (in JUnit's root store), shared with every class that asks for the same settings. */
		public Builder shared() {
			this.shared = true;
			return this;
		}

		/** Catalog additions in the catalog's JSON format (see the README). */
		public Builder catalog(String json) {
			this.catalogJson = Objects.requireNonNull(json, "json");
			return this;
		}

		/** Fails a test whose requests hit no route of the catalog. */
		public Builder failOnUnknownRoute() {
			this.failOnUnknownRoute = true;
			return this;
		}

		/** The clock the server's expiry checks read; the test keeps it to move time. */
		public Builder clock(FakeClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Runs once on the started server: register fixed credentials, set stubs. */
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
			return new FakeYandexCloudExtension(new Settings(port, shared, catalogJson, failOnUnknownRoute, clock, setup));
		}
	}
}
