package dev.fakeyc.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;

/**
 * Gives a test its fake server to itself while it runs: with parallel execution, JUnit schedules no
 * other test on the same server (class or shared) at the same time, through the lock that
 * {@link FakeCloudLocks} declares. Then {@link ReceivedRequests} holds <em>every</em> request the server
 * received since the test started — also those that carry no credential of the test, such as a client
 * that forgot the {@code Authorization} header, a token exchange ({@code POST /iam/v1/tokens}) or a
 * call to the metadata endpoint — and the test may change server-wide state (stubs, the clock,
 * {@code reset()}) through a server it reached without a parameter.
 *
 * <pre>{@code
 * @Test
 * @ExclusiveServer
 * void reportsAMissingHeader(@FakeCloudUrl URI url, ReceivedRequests requests) {
 *     new WorkflowsClient(url, Credentials.none()).start(…);
 *     FakeCloudAssertions.assertThat(requests).hasSize(1).allRejected();
 * }
 * }</pre>
 *
 * <p>Tests that take {@link dev.fakeyc.server.FakeYandexCloud}, {@link dev.fakeyc.server.FakeClock} or an
 * {@link AttachedToMetadata} account get this without the annotation. On a class or an enclosing
 * class, it applies to every test in it. Without parallel execution every test has its server to itself
 * anyway. The programmatic form needs {@code @ResourceLock(providers = FakeCloudLocks.class)} on the
 * class for this annotation to take effect; without it, the test is refused when tests run in parallel.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ExclusiveServer {
}
