package dev.fakeyc.junit;

import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests never see each other's requests or credentials, one at a time or concurrently, on a class or a shared server. */
class IsolationTest {
	@WithFakeYandexCloud
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class SequentialTestCase {
		@Test
		@Order(1)
		void first(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests, TestReporter reporter) {
			Fixtures.get(url, "/compute/v1/instances", null);
			Fixtures.get(url, "/compute/v1/instances", token.authorization());
			assertThat(requests.count()).isEqualTo(2);
			reporter.publishEntry("token", token.value());
		}

		@Test
		@Order(2)
		void second(FakeYandexCloud cloud, @FakeCloudUrl URI url, ReceivedRequests requests) {
			assertThat(requests.count()).as("the view starts empty for each test").isZero();
			assertThat(cloud.journal().size()).as("the server's journal is not cleared: other tests may be reading it").isEqualTo(2);
			assertThat(requests.all()).isEmpty();
			assertThat(requests.isExclusive()).as("tests run one at a time").isTrue();
			assertThat(Fixtures.get(url, "/compute/v1/instances", null)).isEqualTo(401);
			assertThat(requests.count()).isEqualTo(1);
		}
	}

	@WithFakeYandexCloud
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class RevocationTestCase {
		private IamToken tokenOfFirstTest;

		@Test
		@Order(1)
		void first(IamToken token, @FakeCloudUrl URI url) {
			tokenOfFirstTest = token;
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(200);
		}

		@Test
		@Order(2)
		void second(FakeYandexCloud cloud, @FakeCloudUrl URI url) {
			assertThat(cloud.credentials().account(tokenOfFirstTest.subjectId())).as("the first test's account").isEmpty();
			assertThat(Fixtures.get(url, "/compute/v1/instances", tokenOfFirstTest.authorization())).isEqualTo(401);
		}
	}

	@WithFakeYandexCloud(shared = true)
	static class SharedATestCase extends ConcurrentClients {
	}

	@WithFakeYandexCloud(shared = true)
	static class SharedBTestCase extends ConcurrentClients {
	}

	@WithFakeYandexCloud(shared = true)
	static class SharedCTestCase extends ConcurrentClients {
	}

	@WithFakeYandexCloud
	static class ConcurrentMethodsTestCase extends ConcurrentClients {
	}

	/** Each test sends a number of requests of its own, concurrently with the others, and must count exactly those. */
	abstract static class ConcurrentClients {
		@RepeatedTest(4)
		void seesOnlyItsOwnRequests(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			int mine = 3 + Math.abs(token.value().hashCode()) % 5;
			List<CompletableFuture<Integer>> sent = new java.util.ArrayList<>();
			for (int i = 0; i < mine; i++) {
				sent.add(CompletableFuture.supplyAsync(() -> Fixtures.get(url, "/vpc/v1/networks", token.authorization())));
			}
			sent.forEach(CompletableFuture::join);

			FakeCloudAssertions.assertThat(requests).hasSize(mine).allAccepted().allFromSubject(token.subjectId());
		}
	}

	@Test
	void sequentialTestsSeeEveryRequestSinceTheyStarted() {
		Engine.run(SequentialTestCase.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
	}

	@Test
	void credentialsOfATestAreDeletedAfterIt() {
		Engine.run(RevocationTestCase.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
	}

	@Test
	void concurrentClassesOnASharedServerSeeOnlyTheirOwnRequests() {
		Engine.runConcurrently(SharedATestCase.class, SharedBTestCase.class, SharedCTestCase.class)
				.testEvents().assertStatistics(s -> s.started(12).succeeded(12).failed(0));
	}

	@Test
	void concurrentMethodsOnAClassServerSeeOnlyTheirOwnRequests() {
		Engine.runConcurrently(ConcurrentMethodsTestCase.class).testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0));
	}

}
