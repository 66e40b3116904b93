package dev.fakeyc.junit;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Misconfiguration says what to change; assertion failures show what the fake received and why. */
class MisuseAndMessagesTest {
	@WithFakeYandexCloud
	static class UnknownScopeTestCase {
		@Test
		void test(@Scoped("yc.monitoring.writ") ApiKey key) {
		}
	}

	@WithFakeYandexCloud
	static class MisplacedAnnotationTestCase {
		@Test
		void test(@Scoped("yc.monitoring.manage") IamToken token) {
		}
	}

	@WithFakeYandexCloud
	static class UnsupportedTypeTestCase {
		@Test
		void test(@FakeCloudUrl Integer port) {
		}
	}

	@WithFakeYandexCloud(shared = true, port = 18080)
	static class SharedWithPortTestCase {
		@Test
		void test() {
		}
	}

	@WithFakeYandexCloud
	static class BothFormsTestCase {
		@RegisterExtension
		static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().build();

		@Test
		void test() {
		}
	}

	@WithFakeYandexCloud(catalog = "no-such-catalog.json")
	static class MissingCatalogTestCase {
		@Test
		void test() {
		}
	}

	@WithFakeYandexCloud
	static class FailingAssertionTestCase {
		@Test
		void test(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			Fixtures.get(url, "/compute/v1/instances", token.authorization());
			Fixtures.get(url, "/compute/v1/instances", null);
			FakeCloudAssertions.assertThat(requests).allAccepted();
		}
	}

	@WithFakeYandexCloud(failOnUnknownRoute = true)
	static class UnknownRouteTestCase {
		@Test
		void test(@FakeCloudUrl URI url, IamToken token) {
			Fixtures.get(url, "/compute/v2/instancez", token.authorization());
		}
	}

	@WithFakeYandexCloud
	static class UserTokenWithoutFolderTestCase {
		@Test
		void test(@FakeCloudUrl URI url, @UserAccountToken IamToken token, ReceivedRequests requests, TestReporter reporter) {
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", token.authorization())).isEqualTo(401);
			reporter.publishEntry("reason", requests.last().orElseThrow().reason());
		}
	}

	@WithFakeYandexCloud
	static class NoUnknownRoutesTestCase {
		@Test
		void test(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			Fixtures.get(url, "/compute/v2/instancez", token.authorization());
			FakeCloudAssertions.assertThat(requests).hasNoUnknownRoutes();
		}
	}

	@WithFakeYandexCloud
	static class AsyncClientTestCase {
		@Test
		void awaitsRequestsFromAnotherThread(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 3; i++) {
					Fixtures.get(url, "/vpc/v1/networks", token.authorization());
				}
			});
			assertThat(requests.await(3)).hasSize(3);
			FakeCloudAssertions.assertThat(requests).allAccepted();
		}

		@Test
		void awaitGivesUpWithWhatArrived(ReceivedRequests requests) {
			requests.await(1, java.time.Duration.ofMillis(200));
		}
	}

	@WithFakeYandexCloud
	static class LateRequestTestCase {
		@Test
		void awaitGivesUpNamingARequestThatArrivedWhileItWaited(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			CompletableFuture.runAsync(() -> Fixtures.get(url, "/vpc/v1/networks", token.authorization()),
					CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS));
			requests.await(2, java.time.Duration.ofSeconds(2));
		}
	}

	@Test
	void unknownScopeNamesTheKnownOnes() {
		Engine.run(UnknownScopeTestCase.class).testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
				instanceOf(ParameterResolutionException.class),
				message(m -> m.startsWith("cannot make the API key for parameter [dev.fakeyc.server.ApiKey key]")
						&& m.contains("scope 'yc.monitoring.writ' is unknown; known scopes: ") && m.contains("yc.monitoring.manage")
						&& m.endsWith("; change its @Scoped"))));
	}

	@Test
	void annotationOnTheWrongTypeIsReported() {
		Engine.run(MisplacedAnnotationTestCase.class).testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
				instanceOf(ParameterResolutionException.class),
				message(m -> m.startsWith("@Scoped on parameter [dev.fakeyc.server.IamToken token]") && m.endsWith("it applies to ApiKey parameters only"))));
	}

	@Test
	void unsupportedParameterTypeIsLeftToJunitsOwnMessage() {
		Engine.run(UnsupportedTypeTestCase.class).testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
				instanceOf(ParameterResolutionException.class), message(m -> m.contains("No ParameterResolver registered for parameter"))));
	}

	@Test
	void sharedServerWithAFixedPortIsAConfigurationError() {
		String message = Engine.failureMessageOfContainer(Engine.run(SharedWithPortTestCase.class));

		assertThat(message).isEqualTo("@WithFakeYandexCloud on " + SharedWithPortTestCase.class.getName()
				+ " asks for a shared server on fixed port 18080: a shared server serves every class of the run, so drop port (a free port is picked) or shared");
	}

	@Test
	void annotationAndRegisteredExtensionTogetherAreAConfigurationError() {
		String message = Engine.failureMessageOfContainer(Engine.run(BothFormsTestCase.class));

		assertThat(message).contains("both carries @WithFakeYandexCloud and registers a FakeYandexCloudExtension").endsWith("keep one of the two (the builder can do all the annotation does)");
	}

	@Test
	void missingCatalogResourceSaysWhereToPutIt() {
		String message = Engine.failureMessageOfContainer(Engine.run(MissingCatalogTestCase.class));

		assertThat(message).endsWith(": no such resource on the test classpath; put the JSON file under src/test/resources");
	}

	@Test
	void builderRefusesConflictingSettings() {
		assertThatThrownBy(() -> FakeYandexCloudExtension.builder().shared().port(8081).build())
				.isInstanceOf(ExtensionConfigurationException.class).hasMessageStartingWith("a shared server cannot have the fixed port 8081");
		assertThatThrownBy(() -> FakeYandexCloudExtension.builder().catalog("{\"services\":[{}]}").build())
				.isInstanceOf(ExtensionConfigurationException.class)
				.hasMessageStartingWith("the catalog given to FakeYandexCloudExtension.builder() is wrong: $.services[0].id: is required");
	}

	@Test
	void failedAssertionShowsEveryRequestWithItsDecisionAndReason() {
		String message = Engine.failureMessage(Engine.run(FailingAssertionTestCase.class));

		assertThat(message).startsWith("Expecting every request to the fake Yandex Cloud to be accepted but these were not:\n"
				+ "  GET /compute/v1/instances [iam-token-only/api] no credential -> 401 REJECTED: no Authorization header\n"
				+ "All requests received:\n  GET /compute/v1/instances [iam-token-only/api] Bearer t1.");
		assertThat(message).contains("-> 200 ACCEPTED: IAM token t1.").endsWith(
				"  GET /compute/v1/instances [iam-token-only/api] no credential -> 401 REJECTED: no Authorization header");
	}

	@Test
	void requestWithoutARouteFailsTheTestWhenAskedTo() {
		String message = Engine.failureMessage(Engine.run(UnknownRouteTestCase.class));

		assertThat(message).startsWith("the fake Yandex Cloud received 1 request(s) for which no route exists")
				.contains("GET /compute/v2/instancez no credential".replace("no credential", "Bearer t1."))
				.contains("-> 404 NO_ROUTE: no route of the catalog matches GET /compute/v2/instancez");
	}

	@Test
	void theReasonNamesWhereAServiceReadsTheFolderInWords() {
		List<String> reasons = Engine.reported(Engine.run(UserTokenWithoutFolderTestCase.class), "reason");

		assertThat(reasons).singleElement().asString().endsWith("named no folder; service foundation-models reads it from the x-folder-id header");
	}

	@Test
	void noUnknownRoutesFailureReadsAsASentence() {
		String message = Engine.failureMessage(Engine.run(NoUnknownRoutesTestCase.class));

		assertThat(message).startsWith("Expecting no request for which no route exists, but the fake Yandex Cloud received:\n"
				+ "  GET /compute/v2/instancez Bearer t1.");
	}

	@Test
	void asynchronousRequestsAreAwaitedWithATimeout() {
		EngineExecutionResults results = Engine.run(AsyncClientTestCase.class);

		results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
		assertThat(Engine.failureMessage(results)).contains("at least 1 request(s) to the fake Yandex Cloud; received so far:\n  (no requests)")
				.contains("within 200 milliseconds");
	}

	@Test
	void awaitNamesWhatArrivedWhileItWaited() {
		String message = Engine.failureMessage(Engine.run(LateRequestTestCase.class));

		assertThat(message).startsWith("Expected within 2000 milliseconds at least 2 request(s) to the fake Yandex Cloud; received so far:\n"
				+ "  GET /vpc/v1/networks");
	}
}
