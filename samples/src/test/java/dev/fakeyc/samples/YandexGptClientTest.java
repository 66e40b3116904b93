package dev.fakeyc.samples;

// tag::embedded-junit[]
// tag::api-key-restrictions[]
import dev.fakeyc.junit.Expired;
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.junit.UserAccountToken;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

// end::api-key-restrictions[]
// end::embedded-junit[]

/** What the YandexGPT client does with each answer the cloud can give it. */
// tag::embedded-junit[]
@WithFakeYandexCloud
class YandexGptClientTest {
	@Test
	void completesWithAScopedApiKey(@FakeCloudUrl URI url, @Scoped(Scopes.LANGUAGE_MODELS_EXECUTE) ApiKey key, ServiceAccount sa,
			ReceivedRequests requests) {
		YandexGptClient gpt = new YandexGptClient(url, Credentials.apiKey(key.value()), sa.folderId(), false);

		String answer = gpt.complete("Say hi");

		assertThat(answer).isNotBlank();
		assertThat(requests).hasSize(1).allAccepted().allWithScheme("Api-Key").hasRequestTo("foundation-models", "text-generation");
	}
	// end::embedded-junit[]

	// tag::api-key-restrictions[]
	@Test
	void keyScopedForAnotherServiceIsRefusedAsUnknown(@FakeCloudUrl URI url, @Scoped(Scopes.VISION_EXECUTE) ApiKey visionKey, ServiceAccount sa) {
		YandexGptClient gpt = new YandexGptClient(url, Credentials.apiKey(visionKey.value()), sa.folderId(), false);

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> gpt.complete("Say hi"));

		assertThat(refused.isUnauthenticated()).isTrue();
		assertThat(refused.cloudMessage()).startsWith("Unknown api key 'AQVN****");
	}
	// end::api-key-restrictions[]

	@Test
	void expiredKeyIsReportedAsExpired(@FakeCloudUrl URI url, @Expired ApiKey key, ServiceAccount sa) {
		YandexGptClient gpt = new YandexGptClient(url, Credentials.apiKey(key.value()), sa.folderId(), false);

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> gpt.complete("Say hi"));

		assertThat(refused.grpcCode()).isEqualTo(16);
		assertThat(refused.cloudMessage()).isEqualTo("The apikey has expired");
		assertThat(refused.requestId()).isNotEmpty();
	}

	@Test
	void userAccountTokenNeedsTheFolderHeader(@FakeCloudUrl URI url, @UserAccountToken IamToken token, ReceivedRequests requests) {
		String folder = "b1gsamplefolder00001";
		YandexGptClient withoutHeader = new YandexGptClient(url, Credentials.iamToken(token.value()), folder, false);
		YandexGptClient withHeader = new YandexGptClient(url, Credentials.iamToken(token.value()), folder, true);

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> withoutHeader.complete("hi"));
		String answer = withHeader.complete("hi");

		assertThat(refused.cloudMessage()).isEqualTo("You have to specify folder ID for user account");
		assertThat(answer).isNotBlank();
		assertThat(requests.last()).get().satisfies(r -> assertThat(r).isAccepted().hasScheme("Bearer"));
	}

	@Test
	void serviceAccountKeyUsedForAnotherFoldersModelIsAMismatch(@FakeCloudUrl URI url, @Scoped(Scopes.LANGUAGE_MODELS_EXECUTE) ApiKey key) {
		YandexGptClient gpt = new YandexGptClient(url, Credentials.apiKey(key.value()), "b1gsomeoneelses00001", false);

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> gpt.complete("hi"));

		assertThat(refused.httpStatus()).isEqualTo(400);
		assertThat(refused.cloudMessage()).isEqualTo("Specified folder ID does not match with service account");
	}
}
