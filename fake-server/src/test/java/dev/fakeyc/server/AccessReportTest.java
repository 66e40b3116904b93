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

	private static String grant(ServiceAccount to, String role) {
		return "{\"accessBindings\":[{\"roleId\":\"" + role + "\",\"subject\":{\"id\":\"" + to.id() + "\",\"type\":\"serviceAccount\"}}]}";
	}

	private static String add(ServiceAccount to, String role) {
		return "{\"accessBindingDeltas\":[{\"action\":\"ADD\",\"accessBinding\":{\"roleId\":\"" + role + "\",\"subject\":{\"id\":\"" + to.id()
				+ "\",\"type\":\"serviceAccount\"}}}]}";
	}

	@Test
	void placesABindingCallsRoleOnTheResourceItActedOn() {
		ServiceAccount other = cloud.createServiceAccount();
		String cloudId = cloud.access().defaultCloudId();
		String orgId = cloud.access().organizationId();
		IamToken token = cloud.issueIamToken(sa);

		assertThat(post(token, "/resource-manager/v1/clouds/" + cloudId + ":setAccessBindings", grant(other, "ai.editor")).statusCode()).isEqualTo(200);
		assertThat(post(token, "/organization-manager/v1/organizations/" + orgId + ":updateAccessBindings", add(other, "viewer")).statusCode())
				.isEqualTo(200);
		assertThat(post(token, "/iam/v1/serviceAccounts/" + other.id() + ":setAccessBindings", grant(other, "viewer")).statusCode()).isEqualTo(200);
		assertThat(http.get("/resource-manager/v1/folders/" + sa.folderId() + ":listAccessBindings").auth(token.authorization()).send().statusCode())
				.isEqualTo(200);
		assertThat(post(token, "/foundationModels/v1/completion", "{}").statusCode()).isEqualTo(200);

		AccessReport.Account account = cloud.accessReport().account(sa.id());

		assertThat(account.neededRoles()).containsExactly(AccessBinding.onFolder(sa, "ai.languageModels.user", sa.folderId()),
				new AccessBinding(sa.id(), "resource-manager.admin", AccessBinding.SERVICE_ACCOUNT, other.id()),
				AccessBinding.onOrganization(sa, "resource-manager.admin", orgId), AccessBinding.onCloud(sa, "resource-manager.admin", cloudId),
				AccessBinding.onFolder(sa, "resource-manager.viewer", sa.folderId()));
		assertThat(account.refused()).isEmpty();
		assertThat(cloud.journal().requests()).filteredOn(r -> r.subjectId().equals(sa.id()))
				.extracting(r -> r.path() + " " + r.resourceType() + " " + r.resourceId())
				.containsExactly("/resource-manager/v1/clouds/" + cloudId + ":setAccessBindings resource-manager.cloud " + cloudId,
						"/organization-manager/v1/organizations/" + orgId + ":updateAccessBindings organization-manager.organization " + orgId,
						"/iam/v1/serviceAccounts/" + other.id() + ":setAccessBindings iam.serviceAccount " + other.id(),
						"/resource-manager/v1/folders/" + sa.folderId() + ":listAccessBindings resource-manager.folder " + sa.folderId(),
						"/foundationModels/v1/completion resource-manager.folder " + sa.folderId());
	}

	@Test
	void aBindingCallRefusedForAMissingRoleIsListedOnTheResourceItNamed() {
		cloud.access().mode(AccessMode.STRICT);
		cloud.access().grantInFolder(sa, "resource-manager.admin");
		ServiceAccount other = cloud.createServiceAccount();
		String cloudId = cloud.access().defaultCloudId();
		String orgId = cloud.access().organizationId();
		IamToken token = cloud.issueIamToken(sa);

		HttpResponse<String> onFolder = post(token, "/resource-manager/v1/folders/" + sa.folderId() + ":updateAccessBindings", add(other, "viewer"));
		HttpResponse<String> onCloud = post(token, "/resource-manager/v1/clouds/" + cloudId + ":setAccessBindings", grant(other, "viewer"));

		assertThat(onFolder.statusCode()).isEqualTo(200);
		assertThat(onCloud.statusCode()).isEqualTo(403);
		assertThat(Json.body(onCloud).path("message").asText())
				.isEqualTo("Permission to [resource-manager.cloud " + cloudId + ", organization-manager.organization " + orgId + "] denied");
		AccessReport.Account account = cloud.accessReport().account(sa.id());
		assertThat(account.neededRoles()).containsExactly(AccessBinding.onCloud(sa, "resource-manager.admin", cloudId),
				AccessBinding.onFolder(sa, "resource-manager.admin", sa.folderId()));
		assertThat(account.refused()).singleElement().satisfies(r -> {
			assertThat(r.requestId()).isEqualTo(Json.requestId(onCloud));
			assertThat(r.resourceType()).isEqualTo(AccessBinding.CLOUD);
			assertThat(r.resourceId()).isEqualTo(cloudId);
		});
	}

	@Test
	void anOrdinaryRequestsRoleGoesOnTheFolderItNamedInTheBodyAHeaderOrTheQuery() {
		IamToken user = cloud.issueIamToken(cloud.createUserAccount());
		String inBody = "b1gfolderinbody00001";
		String inHeader = "b1gfolderinheader001";
		String inQuery = "b1gfolderinquery0001";

		assertThat(http.post("/translate/v2/translate", "{\"folderId\":\"" + inBody + "\"}").auth(user.authorization()).send().statusCode())
				.isEqualTo(200);
		assertThat(http.post("/foundationModels/v1/completion", "{}").auth(user.authorization()).header("x-folder-id", inHeader).send().statusCode())
				.isEqualTo(200);
		assertThat(http.post("/monitoring/v2/data/write?folderId=" + inQuery, "{}").auth(user.authorization()).send().statusCode()).isEqualTo(200);

		AccessReport report = cloud.accessReport();

		assertThat(report.accounts()).singleElement().satisfies(a -> assertThat(a.neededRoles()).extracting(AccessBinding::describe).containsExactly(
				"ai.languageModels.user on resource-manager.folder " + inHeader, "ai.translate.user on resource-manager.folder " + inBody,
				"monitoring.editor on resource-manager.folder " + inQuery));
		assertThat(cloud.journal().requests()).extracting(r -> r.resourceType() + " " + r.resourceId()).containsExactly(
				"resource-manager.folder " + inBody, "resource-manager.folder " + inHeader, "resource-manager.folder " + inQuery);
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
