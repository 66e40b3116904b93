package dev.fakeyc.junit;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StubResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * With parallel execution every test sees exactly its own world: fixtures run concurrently through the
 * Jupiter engine, many times, with gates that force the interleavings that used to break it.
 */
class ParallelWorldTest {
	private static final Duration GATE_TIMEOUT = Duration.ofSeconds(20);
	private static final int RUNS = 5;

	/** Both tests of a pair have sent their request before either reads its view. */
	private static void awaitPartner(Gate gate) {
		CyclicBarrier pair = gate.barrier("pair", 2);
		try {
			pair.await(GATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		} catch (BrokenBarrierException | TimeoutException e) {
			throw new AssertionError("no partner test reached the gate within " + GATE_TIMEOUT, e);
		}
	}

	@WithFakeYandexCloud
	@ExtendWith(Gate.Resolver.class)
	static class PerMethodConstructorTestCase {
		private final ApiKey key;
		private final ServiceAccount account;
		private final ReceivedRequests fromConstructor;

		PerMethodConstructorTestCase(@Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key, ServiceAccount account, ReceivedRequests requests) {
			this.key = key;
			this.account = account;
			this.fromConstructor = requests;
		}

		@BeforeEach
		void before(ServiceAccount sa, ReceivedRequests requests) {
			assertThat(sa).as("@BeforeEach's account").isEqualTo(account);
			assertThat(requests).isSameAs(fromConstructor);
		}

		@AfterEach
		void after(ServiceAccount sa) {
			assertThat(sa).as("@AfterEach's account").isEqualTo(account);
		}

		@RepeatedTest(3)
		void first(@FakeCloudUrl URI url, ServiceAccount sa, ReceivedRequests requests, Gate gate) {
			usesTheConstructorsKey(url, sa, requests, gate);
		}

		@RepeatedTest(3)
		void second(@FakeCloudUrl URI url, ServiceAccount sa, ReceivedRequests requests, Gate gate) {
			usesTheConstructorsKey(url, sa, requests, gate);
		}

		private void usesTheConstructorsKey(URI url, ServiceAccount sa, ReceivedRequests requests, Gate gate) {
			assertThat(sa).as("the test's account is the constructor's").isEqualTo(account);
			assertThat(key.serviceAccountId()).isEqualTo(sa.id());
			assertThat(requests).isSameAs(fromConstructor);
			assertThat(Fixtures.post(url, "/workflows/v1/execution/start", key.authorization())).isEqualTo(200);
			awaitPartner(gate);
			FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted().allWithScheme("Api-Key").allFromSubject(account.id());
			assertThat(requests.last()).get().extracting(RecordedRequest::credential).isEqualTo(key.secret().masked());
			assertThat(requests.isExclusive()).isFalse();
		}
	}

	@WithFakeYandexCloud
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	@Execution(ExecutionMode.CONCURRENT) // JUnit runs the methods of a per-class instance one at a time unless told
	@ExtendWith(Gate.Resolver.class)
	static class PerClassConstructorTestCase {
		private final ApiKey instanceKey;

		PerClassConstructorTestCase(@Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key) {
			this.instanceKey = key;
		}

		@RepeatedTest(3)
		void usesTheInstancesKey(@FakeCloudUrl URI url, ReceivedRequests requests, Gate gate) {
			assertThat(Fixtures.post(url, "/workflows/v1/execution/start", instanceKey.authorization())).isEqualTo(200);
			awaitPartner(gate);
			assertThat(requests.matching(r -> r.credential().equals(instanceKey.secret().masked()))).as("the instance key's requests").isNotEmpty();
			assertThat(requests.matching(r -> r.scheme().equals("Bearer"))).as("other tests' own tokens").isEmpty();
		}

		@RepeatedTest(3)
		void usesItsOwnToken(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests, Gate gate) {
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(200);
			awaitPartner(gate);
			assertThat(requests.matching(r -> r.scheme().equals("Bearer"))).singleElement()
					.extracting(RecordedRequest::credential).isEqualTo(token.secret().masked());
		}
	}

	@WithFakeYandexCloud
	@ExtendWith(Gate.Resolver.class)
	static class SameThreadNeighbourTestCase {
		SameThreadNeighbourTestCase(TestInfo test, Gate gate) {
			if (test.getTestMethod().orElseThrow().getName().equals("sameThreadNeighbour")) {
				gate.await("sender has sent", GATE_TIMEOUT); // so the neighbour's set-up runs after the sender's request
			}
		}

		@Test
		void sender(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests, Gate gate) {
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(200);
			gate.open("sender has sent");
			gate.await("neighbour done", GATE_TIMEOUT);
			FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted();
		}

		@Test
		@Execution(ExecutionMode.SAME_THREAD)
		void sameThreadNeighbour(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests, Gate gate) {
			assertThat(Fixtures.get(url, "/vpc/v1/networks", token.authorization())).isEqualTo(200);
			FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted().hasRequest("GET", "/vpc/v1/networks");
			gate.open("neighbour done");
		}
	}

	/**
	 * Plain tests hold the server while the tests that move the clock or stub a route are ready to run:
	 * were those scheduled beside them, each side would see the other's counter.
	 */
	@WithFakeYandexCloud
	@ExtendWith(Gate.Resolver.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	@Execution(ExecutionMode.CONCURRENT) // JUnit runs ordered methods one at a time unless told
	static class ServerWideStateTestCase {
		@RepeatedTest(3)
		@Order(1)
		void plain(@FakeCloudUrl URI url, IamToken token, Gate gate) {
			gate.counter("plain").incrementAndGet();
			try {
				gate.open("plain started");
				assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).as("a token on an unmoved clock").isEqualTo(200);
				Awaitility.await("no test that changes the server runs beside a plain one").pollInterval(Duration.ofMillis(5))
						.during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> gate.counter("exclusive").get() == 0);
			} finally {
				gate.counter("plain").decrementAndGet();
			}
		}

		@Test
		@Order(2)
		void movesTheClock(FakeClock clock, Gate gate) {
			exclusively(gate, () -> {
				clock.advance(Duration.ofHours(13));
				clock.advance(Duration.ofHours(-13));
			});
		}

		@Test
		@Order(3)
		void stubsARoute(FakeYandexCloud cloud, @FakeCloudUrl URI url, IamToken token, Gate gate) {
			exclusively(gate, () -> {
				cloud.stub("GET", "/compute/v1/instances", StubResponse.json(503, "{}"));
				assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(503);
				cloud.clearStubs();
			});
		}

		private static void exclusively(Gate gate, Runnable change) {
			gate.counter("exclusive").incrementAndGet();
			try {
				gate.awaitOrTimeOut("plain started", Duration.ofMillis(300)); // give a wrongly scheduled plain test the time to start
				assertThat(gate.counter("plain").get()).as("plain tests running beside this one").isZero();
				change.run();
				assertThat(gate.counter("plain").get()).as("plain tests running beside this one").isZero();
			} finally {
				gate.counter("exclusive").decrementAndGet();
			}
		}
	}

	@WithFakeYandexCloud
	@ExtendWith(Gate.Resolver.class)
	static class NoCredentialTestCase {
		@Test
		@ExclusiveServer
		void forgetsTheHeader(@FakeCloudUrl URI url, ReceivedRequests requests, Gate gate) {
			gate.awaitOrTimeOut("noise started", Duration.ofMillis(300)); // were it scheduled beside the noise, the noise would be in its view
			assertThat(Fixtures.get(url, "/compute/v1/instances", null)).isEqualTo(401);
			FakeCloudAssertions.assertThat(requests).hasSize(1).allRejected();
			assertThat(requests.last()).get().extracting(RecordedRequest::reason).isEqualTo("no Authorization header");
			assertThat(requests.isExclusive()).isTrue();
		}

		@RepeatedTest(4)
		void noise(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests, Gate gate) {
			gate.open("noise started");
			assertThat(Fixtures.get(url, "/compute/v1/instances", null)).isEqualTo(401);
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(200);
			FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted();
		}
	}

	@WithFakeYandexCloud
	@ExtendWith(Gate.Resolver.class)
	static class LeftOutTestCase {
		@Test
		void forgetsTheHeaderWithoutExclusiveServer(@FakeCloudUrl URI url, ReceivedRequests requests) {
			assertThat(Fixtures.get(url, "/compute/v1/instances", null)).isEqualTo(401);
			FakeCloudAssertions.assertThat(requests).hasSize(1);
		}
	}

	static class ProgrammaticWithoutLocksTestCase {
		@RegisterExtension
		static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().build();

		@Test
		void movesTheClock(FakeClock clock) {
			clock.advance(Duration.ofMinutes(1));
		}
	}

	@ResourceLock(providers = FakeCloudLocks.class)
	static class ProgrammaticWithLocksTestCase {
		@RegisterExtension
		static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().build();

		@Test
		void movesTheClock(FakeClock clock, ReceivedRequests requests) {
			clock.advance(Duration.ofMinutes(1));
			assertThat(requests.isExclusive()).isTrue();
		}

		@Test
		void plain(ReceivedRequests requests) {
			assertThat(requests.isExclusive()).isFalse();
		}
	}

	@Test
	void constructorInjectionBelongsToTheTestUnderThePerMethodLifecycle() {
		for (int run = 0; run < RUNS; run++) {
			try (Gate gate = Gate.open()) {
				Engine.assertAllSucceeded(Engine.runConcurrently(gate, PerMethodConstructorTestCase.class), 6);
			}
		}
	}

	@Test
	void constructorInjectionBelongsToTheInstanceUnderThePerClassLifecycle() {
		for (int run = 0; run < RUNS; run++) {
			try (Gate gate = Gate.open()) {
				Engine.assertAllSucceeded(Engine.runConcurrently(gate, PerClassConstructorTestCase.class), 6);
			}
		}
	}

	@Test
	void aSameThreadTestBesideConcurrentOnesDestroysNothing() {
		for (int run = 0; run < RUNS; run++) {
			try (Gate gate = Gate.open()) {
				Engine.assertAllSucceeded(Engine.runConcurrently(gate, SameThreadNeighbourTestCase.class), 2);
			}
		}
	}

	@Test
	void testsThatMoveTheClockOrStubARouteRunAloneOnTheirServer() {
		for (int run = 0; run < RUNS; run++) {
			try (Gate gate = Gate.open()) {
				Engine.assertAllSucceeded(Engine.runConcurrently(gate, ServerWideStateTestCase.class), 5);
			}
		}
	}

	@Test
	void aRequestWithoutCredentialIsVisibleToTheExclusiveTestThatSentIt() {
		for (int run = 0; run < RUNS; run++) {
			try (Gate gate = Gate.open()) {
				Engine.assertAllSucceeded(Engine.runConcurrently(gate, NoCredentialTestCase.class), 5);
			}
		}
	}

	@Test
	void theFailureMessageSaysWhichRequestsWereLeftOutAndWhy() {
		try (Gate gate = Gate.open()) {
			String message = Engine.failureMessage(Engine.runConcurrently(gate, LeftOutTestCase.class));

			assertThat(message).startsWith("Expecting the fake Yandex Cloud to have received 1 request(s) but it received 0:\n  (no requests)\n"
					+ "  (left out: 1 other request(s) reached the server while this test ran, 1 of them with no credential at all")
					.contains("mark the test @ExclusiveServer to have the server to itself and see every request");
		}
	}

	@Test
	void theProgrammaticFormWithoutTheLocksIsRefusedWhereATestChangesTheServer() {
		EngineExecutionResults results = Engine.runConcurrently(ProgrammaticWithoutLocksTestCase.class);

		results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
				message(m -> m.startsWith(ProgrammaticWithoutLocksTestCase.class.getName() + ".movesTheClock needs the fake Yandex Cloud to itself")
						&& m.contains("add @ResourceLock(providers = FakeCloudLocks.class) to ProgrammaticWithoutLocksTestCase"))));
	}

	@Test
	void theProgrammaticFormWithTheLocksRunsATestThatChangesTheServerAlone() {
		Engine.assertAllSucceeded(Engine.runConcurrently(ProgrammaticWithLocksTestCase.class), 2);
	}
}
