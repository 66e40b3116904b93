package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: the least-privilege report, from the requests the fake received. */
class AccessReportTest extends FakeCloudTestBase {
	private HttpResponse<String> post(IamToken token, String path, String body) {
		return http.post(path, body).auth(token.authorization()).send();
	}

	@Test
	void namesTheFewestRolesThatAllowedEveryRequestInDefaultMode() {
		IamToken token = cloud.issueIamToken(sa);
		post(token, "/foundationModels/v1/completion", "{}");
		post(token, "/foundationModels/v1/tokenize", "{}");
		post(token, "/foundationModels/v1/imageGenerationAsync", "{\"modelUri\":\"art://" + sa.folderId() + "/yandex-art/latest\"}");
		http.get("/operations/op1").auth(token.authorization()).send();
		http.get("/compute/v1/instances").auth(token.authorization()).send();

		AccessReport.Account account = cloud.accessReport().account(sa.id());

		assertThat(account.neededRoles()).containsExactly(AccessBinding.onFolder(sa, "ai.imageGeneration.user", sa.folderId()),
				AccessBinding.onFolder(sa, "ai.languageModels.user", sa.folderId()));
		assertThat(account.roleIds()).containsExactly("ai.imageGeneration.user", "ai.languageModels.user");
		assertThat(account.refused()).isEmpty();
	}

	@Test
	void listsTheRequestsRefusedForAMissingRole() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");
		IamToken token = cloud.issueIamToken(sa);
		post(token, "/foundationModels/v1/completion", "{}");
		HttpResponse<String> refused = post(token, "/monitoring/v2/data/write?folderId=" + sa.folderId(), "{}");

		AccessReport report = cloud.accessReport();

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(report.account(sa.id()).roleIds()).containsExactly("ai.languageModels.user", "monitoring.editor");
		assertThat(report.account(sa.id()).refused()).extracting(RecordedRequest::path).containsExactly("/monitoring/v2/data/write");
		assertThat(report.describe()).startsWith("account " + sa.id() + " needs:" + System.lineSeparator() + "  ai.languageModels.user on resource-manager.folder "
				+ sa.folderId()).contains("refused for a missing role:");
	}

	@Test
	void leavesOutRequestsRefusedBeforeAuthorization() {
		post(cloud.issueIamToken(sa, java.time.Duration.ofSeconds(-1)), "/foundationModels/v1/completion", "{}");
		http.post("/foundationModels/v1/completion", "{}").send();

		assertThat(cloud.accessReport().accounts()).isEmpty();
		assertThat(cloud.accessReport().describe()).isEqualTo("no account needed a role");
	}

	@Test
	void reportsOverTheRequestsItIsGiven() {
		IamToken token = cloud.issueIamToken(sa);
		post(token, "/foundationModels/v1/completion", "{}");
		long before = cloud.journal().totalRecorded();
		post(token, "/translate/v2/translate", "{}");
		List<RecordedRequest> later = cloud.journal().requestsSince(before, r -> true);

		assertThat(cloud.access().report(later).account(sa.id()).roleIds()).containsExactly("ai.translate.user");
	}
}
