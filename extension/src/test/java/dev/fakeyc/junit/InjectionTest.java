package dev.fakeyc.junit;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every injectable type, each checked with real requests to the injected server. */
class InjectionTest {
	@WithFakeYandexCloud
	static class EveryTypeTestCase {
		@Test
		void serverAndUrls(FakeYandexCloud cloud, @FakeCloudUrl URI uri, @FakeCloudUrl String url) {
			assertThat(cloud.isRunning()).isTrue();
			assertThat(uri).isEqualTo(cloud.baseUrl());
			assertThat(url).isEqualTo(cloud.baseUrl().toString()).startsWith("http://127.0.0.1:");
		}

		@Test
		void serviceAccountTokenWorks(@FakeCloudUrl URI url, ServiceAccount sa, IamToken token, ReceivedRequests requests) {
			assertThat(token.subjectId()).isEqualTo(sa.id());
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(200);
			FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted().allFromSubject(sa.id()).allWithScheme("Bearer");
		}

		@Test
		void scopedApiKeyWorksWhereItsScopeDoes(@FakeCloudUrl URI url, @Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key, ServiceAccount sa) {
			assertThat(key.scopes()).containsExactly(Scopes.WORKFLOWS_EXECUTE);
			assertThat(key.serviceAccountId()).isEqualTo(sa.id());
			assertThat(Fixtures.post(url, "/workflows/v1/execution/start", key.authorization())).isEqualTo(200);
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", key.authorization())).isEqualTo(401);
		}

		@Test
		void unannotatedApiKeyHasTheDefaultScopes(ApiKey key) {
			assertThat(key.scopes()).isEqualTo(Scopes.DEFAULT);
		}

		@Test
		void expiredCredentialsAreRefused(@FakeCloudUrl URI url, @Expired IamToken token, @Expired @Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key,
				ReceivedRequests requests) {
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(401);
			assertThat(Fixtures.post(url, "/workflows/v1/execution/start", key.authorization())).isEqualTo(401);
			FakeCloudAssertions.assertThat(requests).allRejected().hasRejectionWithMessage("The token is invalid")
					.hasRejectionWithMessage("The apikey has expired");
		}

		@Test
		void userAccountTokenNeedsAFolderOnAiServices(@FakeCloudUrl URI url, @UserAccountToken IamToken token, UserAccount user) {
			assertThat(token.subjectId()).isEqualTo(user.id());
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", token.authorization())).isEqualTo(401);
			assertThat(Fixtures.get(url, "/resource-manager/v1/clouds", token.authorization())).isEqualTo(200);
		}

		@Test
		void authorizedKeyBelongsToTheServiceAccount(AuthorizedKey key, ServiceAccount sa) {
			assertThat(key.serviceAccountId()).isEqualTo(sa.id());
			assertThat(key.privateKeyIfKnown()).isPresent();
			assertThat(key.keyAlgorithm()).isEqualTo("RSA_2048");
		}

		@Test
		void serviceAccountAttachedToMetadataGetsItsTokensThere(@AttachedToMetadata ServiceAccount sa, FakeYandexCloud cloud) throws Exception {
			java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
					cloud.url("/computeMetadata/v1/instance/service-accounts/default/token")).header("Metadata-Flavor", "Google").build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(200);
			String token = r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
			assertThat(cloud.credentials().findIamToken(token)).get().extracting(IamToken::subjectId).isEqualTo(sa.id());
		}

		@Test
		void authorizedKeyWritesAKeyFileForTheServiceAccount(AuthorizedKey key, ServiceAccount sa) {
			assertThat(key.toKeyFile()).contains("\"service_account_id\" : \"" + sa.id() + "\"")
					.contains("PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <" + key.id() + ">");
		}

		@Test
		void clockIsTheServersAndMovesExpiry(FakeClock clock, FakeYandexCloud cloud, @FakeCloudUrl URI url, IamToken token) {
			assertThat(clock).isSameAs(cloud.clock());
			clock.advance(Duration.ofHours(12));
			assertThat(Fixtures.get(url, "/compute/v1/instances", token.authorization())).isEqualTo(401);
		}
	}

	@WithFakeYandexCloud
	static class LifecycleParametersTestCase {
		private ServiceAccount fromBeforeEach;

		@BeforeEach
		void before(ServiceAccount sa) {
			fromBeforeEach = sa;
		}

		@Test
		void lifecycleMethodAndTestGetTheSameAccount(ServiceAccount sa) {
			assertThat(sa).isEqualTo(fromBeforeEach);
		}
	}

	@Test
	void everyInjectableTypeIsResolvedAndWorks() {
		Engine.run(EveryTypeTestCase.class).testEvents().assertStatistics(s -> s.started(10).succeeded(10).failed(0));
	}

	@Test
	void lifecycleMethodsShareTheTestsCredentials() {
		Engine.run(LifecycleParametersTestCase.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
	}
}
