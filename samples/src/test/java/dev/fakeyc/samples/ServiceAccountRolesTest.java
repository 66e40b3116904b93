package dev.fakeyc.samples;

// tag::least-privilege[]
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.Roles;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

// end::least-privilege[]

/** Roles after authentication (issue 16): "our service account needs exactly these roles", as a test. */
// tag::least-privilege[]
@WithFakeYandexCloud(accessMode = AccessMode.STRICT) // only explicit access bindings count
class ServiceAccountRolesTest {
	@Test
	void ourServiceAccountNeedsExactlyTheseRoles(@FakeCloudUrl URI url,
			@Roles("ai.languageModels.user") @Scoped(Scopes.LANGUAGE_MODELS_EXECUTE) ApiKey key, ServiceAccount sa, ReceivedRequests requests) {
		new YandexGptClient(url, Credentials.apiKey(key.value()), sa.folderId(), false).complete("Say hi");

		assertThat(requests).allAccepted().neededOnlyRoles("ai.languageModels.user");
	}

	@Test
	void withoutTheRoleTheCloudRefusesAfterAuthentication(@FakeCloudUrl URI url, @Scoped(Scopes.LANGUAGE_MODELS_EXECUTE) ApiKey key,
			ServiceAccount sa) {
		YandexGptClient gpt = new YandexGptClient(url, Credentials.apiKey(key.value()), sa.folderId(), false);

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> gpt.complete("Say hi"));

		assertThat(refused.grpcCode()).isEqualTo(7);
		assertThat(refused.cloudMessage()).startsWith("Permission to [resource-manager.folder " + sa.folderId() + ", resource-manager.cloud b1g");
	}
}
// end::least-privilege[]
