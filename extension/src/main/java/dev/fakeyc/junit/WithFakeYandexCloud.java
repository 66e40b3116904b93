package dev.fakeyc.junit;

import dev.fakeyc.server.AccessMode;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a fake Yandex Cloud for the annotated test class and injects it, its URL and ready
 * credentials into test methods, lifecycle methods and constructors.
 *
 * <pre>{@code
 * @WithFakeYandexCloud
 * class WorkflowsClientTest {
 *     @Test
 *     void startsAnExecutionWithAnApiKey(@FakeCloudUrl URI url, @Scoped("yc.serverless.workflows.execute") ApiKey key,
 *             ReceivedRequests requests) {
 *         new WorkflowsClient(url, key.value()).start("dfq0000000000000000", "{}");
 *         FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted();
 *     }
 * }
 * }</pre>
 *
 * <p>One server per test class (shared by its {@code @Nested} classes), closed when the class is done;
 * with {@link #shared()} one server for the whole test run. The requests a test sees through
 * {@link ReceivedRequests} are its own, and the credentials it was given are revoked after it. For
 * settings beyond these attributes, register {@link FakeYandexCloudExtension} with a builder instead.
 *
 * <p>With parallel execution ({@code junit.jupiter.execution.parallel.enabled=true}) tests on one server
 * run concurrently and each sees only its own requests and credentials. Server-wide state — stubs, the
 * clock, catalog additions made by a test, the metadata attachment, {@code reset()} — is shared by every
 * test on the server, so a test that takes {@link dev.fakeyc.server.FakeYandexCloud},
 * {@link dev.fakeyc.server.FakeClock} or an {@link AttachedToMetadata} account, or is marked
 * {@link ExclusiveServer}, runs with no other test on its server: this annotation declares JUnit's
 * resource locks for it ({@link FakeCloudLocks}), and the engine schedules such tests alone.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeYandexCloudExtension.class)
@ResourceLock(providers = FakeCloudLocks.class)
public @interface WithFakeYandexCloud {
	/**
	 * The port to listen on; 0 (the default) picks a free one. A fixed port cannot be combined with {@link #shared()}.
	 *
	 * @return the TCP port on 127.0.0.1, 0 to 65535
	 */
	int port() default 0;

	/**
	 * Whether to use one server for the whole test run instead of one per class.
	 *
	 * @return true for the run's shared server
	 */
	boolean shared() default false;

	/**
	 * A classpath resource with catalog additions in the catalog's JSON format (see the README), e.g.
	 * {@code "my-services.json"}; empty for the built-in catalog only.
	 *
	 * @return the resource name, or {@code ""}
	 */
	String catalog() default "";

	/**
	 * Whether a test fails when the fake received a request for which no route exists (a typo in a path).
	 *
	 * @return true to fail such a test after it ran
	 */
	boolean failOnUnknownRoute() default false;

	/**
	 * Which access bindings count on the class's server. {@link AccessMode#STRICT}: only explicit
	 * bindings, granted with {@link Roles} on an injected credential or through {@code cloud.access()}.
	 *
	 * @return the mode; {@link AccessMode#DEFAULT} (an account with no binding may call everything) unless set
	 */
	AccessMode accessMode() default AccessMode.DEFAULT;

	/**
	 * Whether the server also serves its gRPC front (TLS on a free port of 127.0.0.1, what the official SDKs dial),
	 * injected with {@link FakeCloudGrpcTarget}; the test JVM then trusts the front's certificate, beside the JDK's
	 * default CAs (see {@link FakeYandexCloudExtension.Builder#grpc()}).
	 *
	 * @return true to serve gRPC too; needs grpc-java (1.43.2 or later) on the test classpath
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	boolean grpc() default false;
}
