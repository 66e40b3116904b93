package dev.fakeyc.testcontainers;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Two fakes in one run: their own ports, credentials and journals. */
@ExtendWith(LocalImage.class)
@Testcontainers
class TwoContainersTest {
	@Container
	final FakeYandexCloudContainer first = new FakeYandexCloudContainer(LocalImage.IMAGE);
	@Container
	final FakeYandexCloudContainer second = new FakeYandexCloudContainer(LocalImage.IMAGE);

	private final Http http = new Http();

	@Test
	void twoContainersShareNeitherPortsNorCredentialsNorJournals() {
		ServiceAccount account = first.createServiceAccount();
		ApiKey key = first.createApiKey(account, Set.of(Scopes.WORKFLOWS_EXECUTE));

		int inFirst = http.post(first.getBaseUrl() + "/workflows/v1/execution/start", key.authorization(), "{}").statusCode();
		int inSecond = http.post(second.getBaseUrl() + "/workflows/v1/execution/start", key.authorization(), "{}").statusCode();

		assertThat(first.getBaseUrl()).isNotEqualTo(second.getBaseUrl());
		assertThat(inFirst).isEqualTo(200);
		assertThat(inSecond).isEqualTo(401);
		assertThat(first.journal()).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
		assertThat(second.journal()).singleElement().satisfies(r -> assertThat(r.accepted()).isFalse());
	}
}
