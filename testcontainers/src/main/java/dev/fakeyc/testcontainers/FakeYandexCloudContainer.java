package dev.fakeyc.testcontainers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.UserAccount;
import org.apiguardian.api.API;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The fakeyc image as a Testcontainers container: a fake of Yandex Cloud API authentication in its own
 * container, for tests whose code under test runs in containers too, or that prefer a container to the
 * embedded fake. It imitates the same cloud as {@code dev.fakeyc.server.FakeYandexCloud} (the same
 * engine, in the image's standalone jar), and hands back the same Java types: {@link ApiKey},
 * {@link IamToken}, {@link RecordedRequest}.
 *
 * <pre>{@code
 * @Testcontainers
 * class WorkflowsClientTest {
 *     @Container
 *     static final FakeYandexCloudContainer CLOUD = new FakeYandexCloudContainer();
 *
 *     @Test
 *     void startsAnExecutionWithAnApiKey() {
 *         ServiceAccount account = CLOUD.createServiceAccount();
 *         ApiKey key = CLOUD.createApiKey(account, Set.of(Scopes.WORKFLOWS_EXECUTE));
 *         new WorkflowsClient(CLOUD.getBaseUrl(), key.value()).start("dfq00000000000000000");
 *         assertThat(CLOUD.journal()).extracting(RecordedRequest::status).containsExactly(200);
 *     }
 * }
 * }</pre>
 *
 * <p>What it starts with: the credentials given to {@link #withCredentials(Object...)} and the config
 * document given to {@link #withConfig(Path)} or {@link #withConfig(String)}, or — with neither — the
 * image's demo cloud (credentials printed in the container's log). It is ready when the jar prints its
 * {@code listening on http://HOST:PORT} line.
 *
 * <p><b>The control API is open to the test.</b> The journal and the runtime credentials travel over
 * fakeyc's control API ({@code /_fakeyc/}), which the image serves to loopback clients only unless
 * {@code FAKEYC_ALLOW_REMOTE_CONTROL=true}. A test reaches the container through a published port, not
 * loopback, so this class sets that variable, on purpose and visibly in {@link #getEnvMap()}; call
 * {@link #withRemoteControl(boolean) withRemoteControl(false)} for a container whose control API
 * stays closed (then only {@link #getBaseUrl()} and the cloud's own endpoints are usable).
 *
 * <p>It runs with {@code FAKEYC_QUIET=true}: the journal holds every request with its decision, so the
 * container's log keeps only the startup lines; {@code withEnv("FAKEYC_QUIET", "false")} adds a line
 * per request.
 *
 * <p><b>Clean-up without Ryuk.</b> Testcontainers' reaper container removes what a test leaves behind;
 * where it cannot run ({@code TESTCONTAINERS_RYUK_DISABLED=true}, or no registry to pull it from), a
 * container that was started and never {@link #stop() stopped} is stopped and removed by a JVM shutdown
 * hook this class registers at start and withdraws at stop. Its containers carry the label
 * {@value #LABEL} so leftovers of a killed JVM can be found with {@code docker ps -a --filter label=}{@value #LABEL}.
 *
 * <p>One container is one fake: parallel tests on one container share its credentials and journal
 * (the journal is a log of every request), so tests that read the journal should use their own
 * container or {@link #clearJournal()} in a {@code @BeforeEach} and not run in parallel.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class FakeYandexCloudContainer extends GenericContainer<FakeYandexCloudContainer> {
	/** The image's name without a tag: {@code fakeyc/fakeyc}. */
	public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("fakeyc/fakeyc");
	/** The port the image listens on inside the container. */
	public static final int HTTP_PORT = 8080;
	/** Where the image reads its config file when one is mounted or copied there. */
	public static final String CONFIG_PATH = "/etc/fakeyc/cloud.json";
	/** The label every container of this class carries, with the value {@code true}. */
	public static final String LABEL = "dev.fakeyc.testcontainers";

	private static final String REMOTE_CONTROL = "FAKEYC_ALLOW_REMOTE_CONTROL";

	private final CredentialValues generated = new CredentialValues();
	private final ConfigDocument startup = new ConfigDocument();
	private String config;
	private volatile ControlClient control;
	private volatile Thread removeAtExit;

	/**
	 * A container of {@code fakeyc/fakeyc} tagged with this module's version (the image built from the
	 * same release).
	 */
	public FakeYandexCloudContainer() {
		this(DEFAULT_IMAGE_NAME.withTag(defaultTag()));
	}

	/**
	 * A container of the given image, e.g. {@code "fakeyc/fakeyc:0.1.0"} or a mirror of it.
	 *
	 * @param image the image's full name
	 * @throws IllegalArgumentException when the name cannot be parsed
	 * @throws IllegalStateException    when it names another image (declare a mirror with
	 *                                  {@code DockerImageName.parse(...).asCompatibleSubstituteFor("fakeyc/fakeyc")})
	 */
	public FakeYandexCloudContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * A container of the given image.
	 *
	 * @param image {@code fakeyc/fakeyc:TAG}, or an image declared compatible with it
	 * @throws IllegalStateException when it names another image
	 */
	public FakeYandexCloudContainer(DockerImageName image) {
		super(image);
		image.assertCompatibleWith(DEFAULT_IMAGE_NAME);
		withExposedPorts(HTTP_PORT);
		withEnv(REMOTE_CONTROL, "true");
		withEnv("FAKEYC_QUIET", "true");
		withLabel(LABEL, "true");
		waitingFor(new StartupLine(Duration.ofSeconds(60)));
	}

	/**
	 * Starts the container from this config file (the standalone jar's format: accounts, credentials,
	 * catalog additions), copied to {@value #CONFIG_PATH}. Its credentials come back after {@link #reset()}.
	 *
	 * @param file a JSON config file on the test's machine
	 * @return this container
	 * @throws IllegalArgumentException when the file cannot be read
	 */
	public FakeYandexCloudContainer withConfig(Path file) {
		try {
			return withConfig(Files.readString(file, StandardCharsets.UTF_8));
		} catch (java.io.IOException e) {
			throw new IllegalArgumentException("cannot read the config file " + file + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Starts the container from this config document (the standalone jar's format). A bad document stops
	 * the container at start; the failure carries the jar's message naming the JSON path.
	 *
	 * @param json the config document
	 * @return this container
	 * @throws IllegalArgumentException when it is not a JSON object
	 */
	public FakeYandexCloudContainer withConfig(String json) {
		ConfigDocument.requireObject(json);
		this.config = json;
		return self();
	}

	/**
	 * Starts the container with these accounts and credentials already registered, beside any
	 * {@link #withConfig(String) config}; they come back after {@link #reset()}. Accepts
	 * {@link ServiceAccount}, {@link UserAccount}, {@link IamToken}, {@link ApiKey} and {@link OAuthToken};
	 * a credential's account must be among them or in the config.
	 *
	 * <pre>{@code
	 * static final ServiceAccount ACCOUNT = new ServiceAccount("ajesa0000000000000001", "b1gfolder00000000001");
	 * static final ApiKey KEY = new ApiKey("ajekey00000000000001", Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm"),
	 *         ACCOUNT.id(), Set.of(Scopes.WORKFLOWS_EXECUTE), null);
	 * @Container
	 * static final FakeYandexCloudContainer CLOUD = new FakeYandexCloudContainer().withCredentials(ACCOUNT, KEY);
	 * }</pre>
	 *
	 * @param credentials accounts and credentials
	 * @return this container
	 * @throws IllegalArgumentException for a value of another type
	 */
	public FakeYandexCloudContainer withCredentials(Object... credentials) {
		for (Object credential : credentials) {
			startup.add(credential);
		}
		return self();
	}

	/**
	 * Starts the container in this access mode (the config's {@code "access": {"mode": …}}; README
	 * "Authorization"): {@link AccessMode#STRICT} makes only explicit access bindings count. Replaces a
	 * mode the {@link #withConfig(String) config} sets; {@link #reset()} keeps it.
	 *
	 * @param mode the access mode
	 * @return this container
	 * @throws NullPointerException when {@code mode} is null
	 */
	public FakeYandexCloudContainer withAccessMode(AccessMode mode) {
		startup.accessMode(java.util.Objects.requireNonNull(mode, "mode"));
		return self();
	}

	/**
	 * Starts the container with these access bindings (the config's {@code "access": {"bindings": […]}}),
	 * beside the config's; they come back after {@link #reset()}. Each binding's subject must be an account
	 * of {@link #withCredentials(Object...)} or the config; its role one of the fake's role table.
	 *
	 * <pre>{@code
	 * @Container
	 * static final FakeYandexCloudContainer CLOUD = new FakeYandexCloudContainer().withCredentials(ACCOUNT, KEY)
	 *         .withAccessMode(AccessMode.STRICT)
	 *         .withAccessBindings(AccessBinding.onFolder(ACCOUNT, "serverless.workflows.executor", ACCOUNT.folderId()));
	 * }</pre>
	 *
	 * @param bindings access bindings ({@code AccessBinding.onFolder}, {@code onCloud}, {@code onOrganization})
	 * @return this container
	 * @throws NullPointerException when a binding is null
	 */
	public FakeYandexCloudContainer withAccessBindings(AccessBinding... bindings) {
		for (AccessBinding binding : bindings) {
			startup.add(java.util.Objects.requireNonNull(binding, "binding"));
		}
		return self();
	}

	/**
	 * Opens or closes the control API to clients outside the container ({@code FAKEYC_ALLOW_REMOTE_CONTROL}).
	 * Open by default, because {@link #journal()}, the {@code create…}/{@code issue…} methods and
	 * {@link #reset()} use it.
	 *
	 * @param open whether the test (and anything else that reaches the published port) may use it
	 * @return this container
	 */
	public FakeYandexCloudContainer withRemoteControl(boolean open) {
		return withEnv(REMOTE_CONTROL, Boolean.toString(open));
	}

	@Override
	protected void configure() {
		ConfigDocument document = startup.mergedInto(config);
		if (document != null) {
			withCopyToContainer(Transferable.of(document.toJson()), CONFIG_PATH);
		}
	}

	/**
	 * The fake's base URL as the test's machine reaches it: {@code http://HOST:PORT} with the published
	 * port, without a trailing slash. Point the code under test's endpoint setting at it.
	 *
	 * @return the base URL
	 * @throws IllegalStateException when the container is not running
	 */
	public String getBaseUrl() {
		return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
	}

	/**
	 * Every request the fake received since start or the last {@link #clearJournal()}, oldest first,
	 * with its decision and reason, credentials masked — the same records the embedded fake's journal holds.
	 *
	 * @return the journal
	 * @throws IllegalStateException when the container is not running or its control API is closed
	 */
	public List<RecordedRequest> journal() {
		return control().journal();
	}

	/**
	 * Empties the journal.
	 *
	 * @throws IllegalStateException when the container is not running or its control API is closed
	 */
	public void clearJournal() {
		control().send("DELETE", "/_fakeyc/journal", null);
	}

	/**
	 * Forgets every account and credential registered at runtime and the journal; the config's and
	 * {@link #withCredentials(Object...)}'s come back.
	 *
	 * @throws IllegalStateException when the container is not running or its control API is closed
	 */
	public void reset() {
		control().send("POST", "/_fakeyc/reset", null);
	}

	/**
	 * Registers accounts and credentials in the running fake, all or none (a document with an error
	 * changes nothing). An {@link AccessBinding} among them is granted in the same change (the control
	 * API's {@code access} section); {@link #reset()} forgets it.
	 *
	 * @param credentials {@link ServiceAccount}, {@link UserAccount}, {@link IamToken}, {@link ApiKey},
	 *                    {@link OAuthToken} or {@link AccessBinding} values
	 * @throws IllegalArgumentException when one is of another type, or the fake refuses them (the
	 *                                  message is the fake's, naming the JSON path)
	 * @throws IllegalStateException    when the container is not running or its control API is closed
	 */
	public void register(Object... credentials) {
		ConfigDocument document = new ConfigDocument();
		for (Object credential : credentials) {
			document.add(credential);
		}
		control().register(document.toJson());
	}

	/**
	 * Creates and registers a service account in a new folder.
	 *
	 * @return the account ({@code aje…} id, {@code b1g…} folder)
	 * @throws IllegalStateException when the container is not running or its control API is closed
	 */
	public ServiceAccount createServiceAccount() {
		return createServiceAccount(generated.id("b1g"));
	}

	/**
	 * Creates and registers a service account in the given folder.
	 *
	 * @param folderId the folder ({@code b1g…})
	 * @return the account
	 * @throws IllegalStateException when the container is not running or its control API is closed
	 */
	public ServiceAccount createServiceAccount(String folderId) {
		ServiceAccount account = new ServiceAccount(generated.id("aje"), folderId);
		register(account);
		return account;
	}

	/**
	 * Creates and registers a user account.
	 *
	 * @return the account
	 * @throws IllegalStateException when the container is not running or its control API is closed
	 */
	public UserAccount createUserAccount() {
		UserAccount account = new UserAccount(generated.id("aje"));
		register(account);
		return account;
	}

	/**
	 * Issues an IAM token for an account registered in this container, valid for 12 hours (the real
	 * cloud's lifetime).
	 *
	 * @param account the service or user account
	 * @return the token; {@link IamToken#authorization()} is the header value
	 * @throws IllegalArgumentException when the account is unknown to the fake
	 * @throws IllegalStateException    when the container is not running or its control API is closed
	 */
	public IamToken issueIamToken(Subject account) {
		return issueIamToken(account, Duration.ofHours(12));
	}

	/**
	 * Issues an IAM token with the given lifetime, counted from now on the test machine's clock (the
	 * container's clock is the host's).
	 *
	 * @param account  the service or user account
	 * @param lifetime how long it works
	 * @return the token
	 * @throws IllegalArgumentException when the account is unknown to the fake
	 * @throws IllegalStateException    when the container is not running or its control API is closed
	 */
	public IamToken issueIamToken(Subject account, Duration lifetime) {
		IamToken token = new IamToken(Secret.of(generated.iamToken()), account.id(), Instant.now().plus(lifetime));
		register(token);
		return token;
	}

	/**
	 * Creates and registers an API key with the real default scopes.
	 *
	 * @param owner the service account
	 * @return the key; {@link ApiKey#authorization()} is the header value
	 * @throws IllegalArgumentException when the account is unknown to the fake
	 * @throws IllegalStateException    when the container is not running or its control API is closed
	 */
	public ApiKey createApiKey(ServiceAccount owner) {
		return createApiKey(owner, Scopes.DEFAULT);
	}

	/**
	 * Creates and registers an API key with the given scopes ({@link Scopes} names them).
	 *
	 * @param owner  the service account
	 * @param scopes e.g. {@code Set.of(Scopes.WORKFLOWS_EXECUTE)}; empty means the default set
	 * @return the key
	 * @throws IllegalArgumentException when the account or a scope is unknown to the fake
	 * @throws IllegalStateException    when the container is not running or its control API is closed
	 */
	public ApiKey createApiKey(ServiceAccount owner, Collection<String> scopes) {
		ApiKey key = new ApiKey(generated.id("aje"), Secret.of(generated.apiKeySecret()), owner.id(), Set.copyOf(scopes), null);
		register(key);
		return key;
	}

	/**
	 * Makes the VM metadata endpoint serve tokens of this service account, as on a VM it is attached to.
	 *
	 * @param account the service account, registered in this container
	 * @throws IllegalArgumentException when the fake does not know the account
	 * @throws IllegalStateException    when the container is not running or its control API is closed
	 */
	public void attachToMetadata(ServiceAccount account) {
		ObjectNode body = ConfigDocument.JSON.createObjectNode().put("serviceAccountId", account.id());
		control().send("PUT", "/_fakeyc/metadata", body.toString());
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse info) {
		control = new ControlClient(getBaseUrl(), "true".equals(getEnvMap().get(REMOTE_CONTROL)));
		Thread hook = new Thread(this::stopAtExit, "fakeyc-container-" + getContainerId().substring(0, 12) + "-remover");
		Runtime.getRuntime().addShutdownHook(hook);
		removeAtExit = hook;
	}

	@Override
	protected void containerIsStopping(InspectContainerResponse info) {
		Thread hook = removeAtExit;
		removeAtExit = null;
		control = null;
		if (hook != null && hook != Thread.currentThread()) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			} catch (IllegalStateException shuttingDown) {
				// the hook is running or about to: it stops the container itself
			}
		}
	}

	private void stopAtExit() {
		if (getContainerId() != null) {
			stop();
		}
	}

	private ControlClient control() {
		ControlClient client = control;
		if (client == null) {
			throw new IllegalStateException("the fakeyc container is not running: call start() first (or declare it a @Container)");
		}
		return client;
	}

	/** This module's version, from a resource the build writes. */
	static String defaultTag() {
		java.util.Properties properties = new java.util.Properties();
		try (java.io.InputStream in = FakeYandexCloudContainer.class.getResourceAsStream("version.properties")) {
			if (in != null) {
				properties.load(in);
			}
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException("cannot read fakeyc-testcontainers' version.properties", e);
		}
		return properties.getProperty("version", "latest");
	}
}
