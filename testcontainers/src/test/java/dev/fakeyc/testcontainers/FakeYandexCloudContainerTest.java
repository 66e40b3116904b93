package dev.fakeyc.testcontainers;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The module the way its users write it: one {@code @Container} for the class, the journal read back as records. */
@ExtendWith(LocalImage.class)
@Testcontainers
class FakeYandexCloudContainerTest {
	// tag::container[]
	static final ServiceAccount ACCOUNT = new ServiceAccount("ajesa0000000000000009", "b1gfolder00000000009");
	static final ApiKey KEY = new ApiKey("ajekey00000000000009", Secret.of("AQVN9HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICt9"),
			ACCOUNT.id(), Set.of(Scopes.WORKFLOWS_EXECUTE), null);

	@Container
	static final FakeYandexCloudContainer CLOUD = new FakeYandexCloudContainer().withCredentials(ACCOUNT, KEY);

	// end::container[]
	private final Http http = new Http();

	// tag::container[]
	@BeforeEach
	void forgetWhatTheLastTestDid() {
		CLOUD.reset();
	}

	// end::container[]

	@Test
	void credentialsGivenBeforeStartAreAcceptedAndJournaledAsRecords() {
		HttpResponse<String> r = http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", KEY.authorization(), "{\"workflowId\":\"dfq1\"}");

		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		assertThat(CLOUD.journal()).singleElement().satisfies(request -> {
			assertThat(request.outcome()).isEqualTo(Outcome.ACCEPTED);
			assertThat(request.path()).isEqualTo("/workflows/v1/execution/start");
			assertThat(request.subjectId()).isEqualTo(ACCOUNT.id());
			assertThat(request.credential()).isEqualTo("AQVN****ICt9");
			assertThat(request.header("authorization")).contains("Api-Key AQVN****ICt9");
			assertThat(request.requestId()).isEqualTo(r.headers().firstValue("x-request-id").orElseThrow());
		});
	}

	// tag::container[]
	@Test
	void credentialsCreatedAtRuntimeHaveTheEmbeddedTypesAndWork() {
		ServiceAccount account = CLOUD.createServiceAccount();
		IamToken token = CLOUD.issueIamToken(account);
		ApiKey key = CLOUD.createApiKey(account, Set.of(Scopes.WORKFLOWS_EXECUTE));

		HttpResponse<String> byToken = http.get(CLOUD.getBaseUrl() + "/compute/v1/instances?folderId=" + account.folderId(), token.authorization());
		HttpResponse<String> byKey = http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", key.authorization(), "{}");

		assertThat(byToken.statusCode()).as(byToken.body()).isEqualTo(200);
		assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
		assertThat(CLOUD.journal()).extracting(RecordedRequest::subjectId).containsExactly(account.id(), account.id());
	}
	// end::container[]

	@Test
	void anApiKeyOnTheIamOnlyWorkflowResourceIsRejectedWithTheReasonInTheJournal() {
		HttpResponse<String> r = http.get(CLOUD.getBaseUrl() + "/workflows/v1/workflow/dfq00000000000000000", KEY.authorization());

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(CLOUD.journal()).singleElement().satisfies(request -> {
			assertThat(request.outcome()).isEqualTo(Outcome.REJECTED);
			assertThat(request.message()).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("message").asText());
			assertThat(request.reason()).isNotBlank();
		});
	}

	@Test
	void anExpiredTokenIsRefused() {
		UserAccount user = CLOUD.createUserAccount();
		IamToken expired = CLOUD.issueIamToken(user, Duration.ofSeconds(-1));

		HttpResponse<String> r = http.get(CLOUD.getBaseUrl() + "/compute/v1/instances?folderId=b1gfolder00000000009", expired.authorization());

		assertThat(r.statusCode()).isEqualTo(401);
	}

	@Test
	void resetForgetsRuntimeCredentialsAndKeepsThoseGivenBeforeStart() {
		ServiceAccount account = CLOUD.createServiceAccount();
		IamToken token = CLOUD.issueIamToken(account);

		CLOUD.reset();

		assertThat(http.get(CLOUD.getBaseUrl() + "/compute/v1/instances?folderId=" + account.folderId(), token.authorization()).statusCode()).isEqualTo(401);
		assertThat(http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", KEY.authorization(), "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void aCredentialForAnUnknownAccountIsRefusedWithTheFakesMessage() {
		ServiceAccount stranger = new ServiceAccount("ajesa000000000000dead", "b1gfolder00000000009");

		assertThatThrownBy(() -> CLOUD.issueIamToken(stranger))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("fakeyc refused POST /_fakeyc/credentials")
				.hasMessageContaining("$.iamTokens[0]");
	}

	@Test
	void aValueOfAnotherTypeIsRefusedNamingTheTypesAllowed() {
		assertThatThrownBy(() -> CLOUD.register("AQVN-not-a-record"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("pass ServiceAccount, UserAccount, IamToken, ApiKey, OAuthToken or AccessBinding values");
	}
}
