package dev.fakeyc.junit;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16 in the extension: strict mode per class, {@link Roles} on injected credentials, the role assertion, the report file. */
class RolesExtensionTest {
	@WithFakeYandexCloud(accessMode = AccessMode.STRICT)
	static class StrictTestCase {
		@Test
		void anAccountWithoutRolesIsRefused(@FakeCloudUrl URI url, IamToken token) {
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", token.authorization())).isEqualTo(403);
		}

		@Test
		void rolesOnTheApiKeyAllowWhatTheyGrant(@FakeCloudUrl URI url, @Roles("ai.languageModels.user") ApiKey key, ServiceAccount sa,
				FakeYandexCloud cloud, ReceivedRequests requests) {
			assertThat(cloud.access().bindings()).contains(AccessBinding.onFolder(sa, "ai.languageModels.user", sa.folderId()));
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", key.authorization())).isEqualTo(200);
			assertThat(Fixtures.post(url, "/foundationModels/v1/imageGenerationAsync", key.authorization())).isEqualTo(403);
			FakeCloudAssertions.assertThat(requests).neededOnlyRoles("ai.languageModels.user", "ai.imageGeneration.user");
		}
	}

	@WithFakeYandexCloud
	static class DefaultModeTestCase {
		@Test
		void anAccountWithoutRolesMayCallEverything(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", token.authorization())).isEqualTo(200);
			assertThat(Fixtures.post(url, "/translate/v2/translate", token.authorization())).isEqualTo(200);
			FakeCloudAssertions.assertThat(requests).neededOnlyRoles("ai.translate.user", "ai.languageModels.user");
		}

		@Test
		void rolesOnAServiceAccountTokenMakeItJudgedByThem(@FakeCloudUrl URI url, @Roles("ai.translate.user") IamToken token) {
			assertThat(Fixtures.post(url, "/translate/v2/translate", token.authorization())).isEqualTo(200);
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", token.authorization())).isEqualTo(403);
		}
	}

	@WithFakeYandexCloud
	static class WrongRolesTestCase {
		@Test
		void failsOnARoleMissing(@FakeCloudUrl URI url, IamToken token, ReceivedRequests requests) {
			Fixtures.post(url, "/foundationModels/v1/completion", token.authorization());
			FakeCloudAssertions.assertThat(requests).neededOnlyRoles("ai.translate.user");
		}

		@Test
		void unknownRole(@Roles("ai.languageModel.user") ServiceAccount sa) {
		}

		@Test
		void rolesOnAUserAccount(@Roles("viewer") UserAccount user) {
		}
	}

	static class BuilderTestCase {
		@RegisterExtension
		static final FakeYandexCloudExtension CLOUD = FakeYandexCloudExtension.builder().accessMode(AccessMode.STRICT).build();

		@Test
		void theBuilderSetsTheMode(FakeYandexCloud cloud) {
			assertThat(cloud.access().mode()).isEqualTo(AccessMode.STRICT);
		}
	}

	@Test
	void strictModeAndRolesWorkPerClass() {
		Engine.run(StrictTestCase.class, DefaultModeTestCase.class, BuilderTestCase.class).testEvents()
				.assertStatistics(s -> s.started(5).succeeded(5).failed(0));
	}

	@Test
	void misusedRolesAndAWrongRoleSetFailWithWhatToChange() {
		var failures = Engine.run(WrongRolesTestCase.class).testEvents().failed().stream()
				.map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable()).orElseThrow().getMessage())
				.toList();

		assertThat(failures).hasSize(3);
		assertThat(failures).anySatisfy(m -> assertThat(m).startsWith("Expecting the requests to the fake Yandex Cloud to need exactly the roles "
				+ "[ai.translate.user] but they needed [ai.languageModels.user]"));
		assertThat(failures).anySatisfy(m -> assertThat(m).contains("role 'ai.languageModel.user' is unknown; known roles: [").endsWith("change its @Roles"));
		assertThat(failures).anySatisfy(m -> assertThat(m).startsWith("@Roles on parameter").contains("ServiceAccount, ApiKey or service-account IamToken"));
	}

	@WithFakeYandexCloud
	static class ReportTestCase {
		@Test
		void callsTwoServices(@FakeCloudUrl URI url, @Roles("ai.translate.user") IamToken token) {
			assertThat(Fixtures.post(url, "/translate/v2/translate", token.authorization())).isEqualTo(200);
			assertThat(Fixtures.post(url, "/foundationModels/v1/completion", token.authorization())).isEqualTo(403);
		}
	}

	@Test
	void theReportIsWrittenUnderTargetWhenTheClassIsDone() throws Exception {
		Path file = Path.of("target/fakeyc-access-reports", RolesExtensionTest.class.getName() + "_ReportTestCase.txt");
		Files.deleteIfExists(file);

		Engine.run(ReportTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

		assertThat(Files.readString(file)).startsWith("# least-privilege report of the fake Yandex Cloud of " + ReportTestCase.class.getName())
				.contains("ai.languageModels.user on resource-manager.folder b1g").contains("ai.translate.user on resource-manager.folder b1g")
				.contains("refused for a missing role:").contains("POST /foundationModels/v1/completion");
	}
}
