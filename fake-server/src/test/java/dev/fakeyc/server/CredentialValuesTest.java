package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generated values look like the real ones (reference §2) and never print themselves whole. */
class CredentialValuesTest {
	private final FakeYandexCloud cloud = FakeYandexCloud.create();

	@Test
	void generatedValuesHaveTheRealFormats() {
		ServiceAccount sa = cloud.createServiceAccount();
		IamToken token = cloud.issueIamToken(sa);
		ApiKey key = cloud.createApiKey(sa);
		OAuthToken oauth = cloud.issueOAuthToken(cloud.createUserAccount());

		assertThat(sa.id()).matches("aje[a-z0-9]{17}");
		assertThat(sa.folderId()).matches("b1g[a-z0-9]{17}");
		assertThat(token.value()).matches("t1\\.[A-Z0-9a-z_-]+[=]{0,2}\\.[A-Z0-9a-z_-]{86}[=]{0,2}").hasSize(186);
		assertThat(key.value()).matches("AQVN[A-Za-z0-9_-]{36}");
		assertThat(key.id()).matches("aje[a-z0-9]{17}");
		assertThat(oauth.value()).matches("y0_[A-Za-z0-9_-]+");
	}

	@Test
	void generatedValuesAreUnique() {
		ServiceAccount sa = cloud.createServiceAccount();

		assertThat(cloud.issueIamToken(sa).value()).isNotEqualTo(cloud.issueIamToken(sa).value());
		assertThat(cloud.createApiKey(sa).value()).isNotEqualTo(cloud.createApiKey(sa).value());
	}

	@Test
	void secretsPrintMasked() {
		ServiceAccount sa = cloud.createServiceAccount();
		IamToken token = cloud.issueIamToken(sa);
		ApiKey key = cloud.createApiKey(sa);

		assertThat(Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm")).hasToString("AQVN****ICtm");
		assertThat(Secret.of("12345678")).hasToString("****");
		assertThat(token.toString()).doesNotContain(token.value()).contains(token.secret().masked());
		assertThat(key.toString()).doesNotContain(key.value()).contains(key.id());
	}

	@Test
	void unknownScopeIsRefusedWithTheKnownOnes() {
		ServiceAccount sa = cloud.createServiceAccount();

		assertThatThrownBy(() -> cloud.createApiKey(sa, Set.of("yc.monitoring.writ")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("scope 'yc.monitoring.writ' is unknown; known scopes: ")
				.hasMessageContaining("yc.monitoring.manage");
	}

	@Test
	void apiKeysBelongToServiceAccountsOnly() {
		UserAccount user = cloud.createUserAccount();

		assertThatThrownBy(() -> cloud.credentials().register(new ApiKey("ajekey00000000000001", Secret.of("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm"),
				user.id(), Set.of(), null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service accounts only");
	}

	@Test
	void credentialForAnUnregisteredSubjectIsRefused() {
		assertThatThrownBy(() -> cloud.credentials().register(new IamToken(Secret.of("t1.x"), "ajenobody00000000001", Instant.MAX)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ajenobody00000000001', which is not registered");
	}

	@Test
	void keyWithoutScopesGetsTheDefaultSet() {
		ApiKey key = cloud.createApiKey(cloud.createServiceAccount());

		assertThat(key.scopes()).containsExactlyInAnyOrderElementsOf(Scopes.DEFAULT).doesNotContain(Scopes.FOUNDATION_MODELS_EXECUTE);
		assertThat(key.expiresAt()).isEmpty();
	}
}
