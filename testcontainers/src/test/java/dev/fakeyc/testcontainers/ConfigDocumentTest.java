package dev.fakeyc.testcontainers;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The config document the container starts from (no container needed): the {@code access} section as the standalone config has it. */
class ConfigDocumentTest {
	private static final ServiceAccount ACCOUNT = new ServiceAccount("ajesa0000000000000007", "b1gfolder00000000007");

	@Test
	void accessModeAndBindingsAreWrittenAsTheStandaloneConfigsAccessSection() {
		ConfigDocument document = new ConfigDocument();
		document.add(ACCOUNT);
		document.accessMode(AccessMode.STRICT);
		document.add(AccessBinding.onFolder(ACCOUNT, "ai.languageModels.user", ACCOUNT.folderId()));
		document.add(AccessBinding.onCloud(ACCOUNT, "viewer", "b1gcloud000000000007"));

		assertThat(document.toJson()).isEqualTo("{\"serviceAccounts\":[{\"id\":\"ajesa0000000000000007\",\"folderId\":\"b1gfolder00000000007\"}],"
				+ "\"access\":{\"mode\":\"strict\",\"bindings\":["
				+ "{\"subjectId\":\"ajesa0000000000000007\",\"roleId\":\"ai.languageModels.user\",\"resourceType\":\"resource-manager.folder\","
				+ "\"resourceId\":\"b1gfolder00000000007\"},"
				+ "{\"subjectId\":\"ajesa0000000000000007\",\"roleId\":\"viewer\",\"resourceType\":\"resource-manager.cloud\","
				+ "\"resourceId\":\"b1gcloud000000000007\"}]}}");
	}

	@Test
	void theJarsConfigReaderAppliesTheAccessSection() {
		ServiceAccount without = new ServiceAccount("ajesa0000000000000008", ACCOUNT.folderId());
		ApiKey allowed = new ApiKey("ajekey00000000000007", Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5IC07"), ACCOUNT.id(), Set.of(Scopes.WORKFLOWS_EXECUTE),
				null);
		ApiKey refused = new ApiKey("ajekey00000000000008", Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5IC08"), without.id(), Set.of(Scopes.WORKFLOWS_EXECUTE),
				null);
		ConfigDocument document = new ConfigDocument();
		for (Object value : new Object[]{ ACCOUNT, without, allowed, refused, AccessBinding.onFolder(ACCOUNT, "serverless.workflows.executor", ACCOUNT.folderId()) }) {
			document.add(value);
		}
		document.accessMode(AccessMode.STRICT);
		Http http = new Http();

		try (FakeYandexCloud cloud = FakeYandexCloud.builder().build().start()) {
			cloud.credentials().declare(document.toJson()); // as the image's jar reads --config

			assertThat(cloud.access().mode()).isEqualTo(AccessMode.STRICT);
			assertThat(http.post(cloud.url("/workflows/v1/execution/start").toString(), allowed.authorization(), "{}").statusCode()).isEqualTo(200);
			assertThat(http.post(cloud.url("/workflows/v1/execution/start").toString(), refused.authorization(), "{}").statusCode()).isEqualTo(403);
		}
	}

	@Test
	void theAccessSectionMergesIntoTheConfigsBindingsAppendedAndTheModeReplaced() {
		ConfigDocument document = new ConfigDocument();
		document.accessMode(AccessMode.DEFAULT);
		document.add(AccessBinding.onFolder(ACCOUNT, "viewer", ACCOUNT.folderId()));
		String config = "{\"access\":{\"mode\":\"strict\",\"organizationId\":\"bpforg00000000000007\",\"bindings\":[{\"subjectId\":\"ajesa0000000000000007\","
				+ "\"roleId\":\"editor\",\"resourceType\":\"resource-manager.folder\",\"resourceId\":\"b1gfolder00000000007\"}]}}";

		assertThat(document.mergedInto(config).toJson()).isEqualTo("{\"access\":{\"mode\":\"default\",\"organizationId\":\"bpforg00000000000007\","
				+ "\"bindings\":[{\"subjectId\":\"ajesa0000000000000007\",\"roleId\":\"editor\",\"resourceType\":\"resource-manager.folder\","
				+ "\"resourceId\":\"b1gfolder00000000007\"},{\"subjectId\":\"ajesa0000000000000007\",\"roleId\":\"viewer\","
				+ "\"resourceType\":\"resource-manager.folder\",\"resourceId\":\"b1gfolder00000000007\"}]}}");
	}

	@Test
	void aValueOfAnotherTypeIsRefusedNamingTheTypesAllowed() {
		assertThatThrownBy(() -> new ConfigDocument().add("ai.editor")).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("cannot register a java.lang.String; pass ServiceAccount, UserAccount, IamToken, ApiKey, OAuthToken or AccessBinding values (dev.fakeyc.server)");
	}
}
