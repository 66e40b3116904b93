package dev.fakeyc.testcontainers;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A container in strict access mode with a binding given before start (the config's {@code access} section); runs only with Docker. */
@ExtendWith(LocalImage.class)
@Testcontainers
class AccessContainerTest {
	static final ServiceAccount ALLOWED = new ServiceAccount("ajesa0000000000000011", "b1gfolder00000000011");
	static final ServiceAccount WITHOUT_ROLE = new ServiceAccount("ajesa0000000000000012", "b1gfolder00000000011");
	static final ApiKey ALLOWED_KEY = new ApiKey("ajekey00000000000011", Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5IC11"), ALLOWED.id(),
			Set.of(Scopes.WORKFLOWS_EXECUTE), null);
	static final ApiKey OTHER_KEY = new ApiKey("ajekey00000000000012", Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5IC12"), WITHOUT_ROLE.id(),
			Set.of(Scopes.WORKFLOWS_EXECUTE), null);

	@Container
	static final FakeYandexCloudContainer CLOUD = new FakeYandexCloudContainer(LocalImage.IMAGE).withCredentials(ALLOWED, WITHOUT_ROLE, ALLOWED_KEY, OTHER_KEY)
			.withAccessMode(AccessMode.STRICT)
			.withAccessBindings(AccessBinding.onFolder(ALLOWED, "serverless.workflows.executor", ALLOWED.folderId()));

	private final Http http = new Http();

	@BeforeEach
	void forgetWhatTheLastTestDid() {
		CLOUD.reset();
	}

	@Test
	void onlyTheAccountWithTheBindingMayStartAnExecution() {
		HttpResponse<String> allowed = http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", ALLOWED_KEY.authorization(), "{}");
		HttpResponse<String> refused = http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", OTHER_KEY.authorization(), "{}");

		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.body()).contains("\"code\":7").contains("Permission to [resource-manager.folder " + WITHOUT_ROLE.folderId() + ", ");
	}

	@Test
	void aBindingRegisteredAtRuntimeIsGrantedAndResetForgetsIt() {
		CLOUD.register(AccessBinding.onFolder(WITHOUT_ROLE, "serverless.workflows.editor", WITHOUT_ROLE.folderId()));

		assertThat(http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", OTHER_KEY.authorization(), "{}").statusCode()).isEqualTo(200);
		CLOUD.reset();
		assertThat(http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", OTHER_KEY.authorization(), "{}").statusCode()).isEqualTo(403);
		assertThat(http.post(CLOUD.getBaseUrl() + "/workflows/v1/execution/start", ALLOWED_KEY.authorization(), "{}").statusCode()).isEqualTo(200);
	}
}
