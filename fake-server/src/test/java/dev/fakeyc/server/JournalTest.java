package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request is recorded with its decision, credentials masked, within a bound. */
class JournalTest extends FakeCloudTestBase {
	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().journalCapacity(5);
	}

	@Test
	void recordsTheDecisionWithTheCredentialMasked() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));

		http.post("/workflows/v1/execution/start?x=1", "{}").auth(key.authorization()).header("x-folder-id", sa.folderId()).send();

		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.method()).isEqualTo("POST");
		assertThat(r.path()).isEqualTo("/workflows/v1/execution/start");
		assertThat(r.query()).isEqualTo("x=1");
		assertThat(r.transport()).isEqualTo("http");
		assertThat(r.scheme()).isEqualTo("Api-Key");
		assertThat(r.credential()).isEqualTo(key.secret().masked()).doesNotContain(key.value());
		assertThat(r.header("Authorization")).hasValue("Api-Key " + key.secret().masked());
		assertThat(r.subjectId()).isEqualTo(sa.id());
		assertThat(r.service()).isEqualTo("serverless-workflows");
		assertThat(r.resource()).isEqualTo("execution");
		assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.reason()).contains(key.id()).contains(sa.id());
		assertThat(r.toString()).doesNotContain(key.value());
		assertThat(r.describe()).doesNotContain(key.value()).contains("-> 200 ACCEPTED");
	}

	@Test
	void rejectionRecordsTheMessageSent() {
		http.get("/compute/v1/instances").send();

		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.message()).isEqualTo("IAM token or API key has to be passed in request");
		assertThat(r.reason()).isEqualTo("no Authorization header");
	}

	@Test
	void keepsOnlyTheNewestEntriesUpToItsCapacity() {
		for (int i = 0; i < 8; i++) {
			http.get("/compute/v1/instances/" + i).send();
		}

		assertThat(cloud.journal().size()).isEqualTo(5);
		assertThat(cloud.journal().totalRecorded()).isEqualTo(8);
		assertThat(cloud.journal().requests()).extracting(RecordedRequest::path)
				.containsExactly("/compute/v1/instances/3", "/compute/v1/instances/4", "/compute/v1/instances/5",
						"/compute/v1/instances/6", "/compute/v1/instances/7");
	}

	@Test
	void canBeFilteredAndCleared() {
		IamToken token = cloud.issueIamToken(sa);
		http.get("/compute/v1/instances").send();
		http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(cloud.journal().requests(RecordedRequest::accepted)).hasSize(1);
		cloud.journal().clear();
		assertThat(cloud.journal().requests()).isEmpty();
		assertThat(cloud.journal().size()).isZero();
	}
}
