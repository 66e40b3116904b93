package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accepted reason in each of its forms, as the journal shows it: the journal keeps an acceptance's parts and puts
 * them into words when read, which must give the words the decision's own code gives.
 */
class AcceptedReasonTest extends FakeCloudTestBase {

	@Test
	void aRouteThatNeedsNoCredentialSaysSo() {
		HttpResponse<String> r = http.get("/endpoints").send();

		assertThat(r.statusCode()).isEqualTo(200);
		RecordedRequest recorded = cloud.journal().last().orElseThrow();
		assertThat(recorded.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(recorded.reason()).isEqualTo("route endpoint/discovery needs no credential");
	}

	@Test
	void anApiKeySentAsBearerIsNamedSo() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.FOUNDATION_MODELS_EXECUTE));
		HttpResponse<String> r = http.post("/v1/chat/completions",
				"{\"model\":\"gpt://" + sa.folderId() + "/yandexgpt/latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
				.auth("Bearer " + key.value()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		RecordedRequest recorded = cloud.journal().last().orElseThrow();
		assertThat(recorded.reason()).isEqualTo("API key '" + key.id() + "' (as Bearer) of service account '" + sa.id()
				+ "' is good for openai-compatible/openai");
		assertThat(recorded.credential()).isEqualTo(key.secret().masked());
	}

	@Test
	void aUserAccountsTokenNamesTheKindAndTheMask() {
		UserAccount user = cloud.createUserAccount();
		IamToken token = cloud.issueIamToken(user);
		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		RecordedRequest recorded = cloud.journal().last().orElseThrow();
		assertThat(recorded.reason()).isEqualTo("IAM token " + token.secret().masked() + " of user account '" + user.id()
				+ "' is good for iam-token-only/api");
		assertThat(recorded.reason()).doesNotContain(token.value());
	}
}
