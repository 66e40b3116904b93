package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 16 / reference §9.3: roles and access bindings on the hierarchy, checked after authentication. */
class RolesTest extends FakeCloudTestBase {
	private IamToken token;

	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().accessMode(AccessMode.STRICT);
	}

	@BeforeEach
	void token() {
		token = cloud.issueIamToken(sa);
	}

	private HttpResponse<String> completion() {
		return http.post("/foundationModels/v1/completion", "{\"modelUri\":\"gpt://" + sa.folderId() + "/yandexgpt/latest\"}")
				.auth(token.authorization()).send();
	}

	private HttpResponse<String> imageGeneration() {
		return http.post("/foundationModels/v1/imageGenerationAsync", "{\"modelUri\":\"art://" + sa.folderId() + "/yandex-art/latest\"}")
				.auth(token.authorization()).send();
	}

	private String listDenied(String folderId, String cloudId) {
		return "Permission to [resource-manager.folder " + folderId + ", resource-manager.cloud " + cloudId
				+ ", organization-manager.organization " + cloud.access().organizationId() + "] denied";
	}

	private static String aiBody(HttpResponse<String> r, String message) {
		return "{\"error\":{\"grpcCode\":7,\"httpCode\":403,\"message\":\"" + message + "\",\"httpStatus\":\"Forbidden\","
				+ "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}}";
	}

	@Test
	void strictModeRefusesAnAccountWithoutRolesWithTheHierarchyList() {
		HttpResponse<String> r = completion();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo(aiBody(r, listDenied(sa.folderId(), cloud.access().defaultCloudId())));
	}

	@ParameterizedTest
	@CsvSource({ "100", "60000" })
	void aRefusalQuotingAFolderIdOfAnyLengthIsAnsweredWholeEachTime(int length) {
		// a short message's body is made once and reused, a long one's (past 512 characters) each time: the same answers
		String folder = "b1g" + "a".repeat(length);
		IamToken user = cloud.issueIamToken(cloud.createUserAccount());
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").auth(user.authorization()).header("x-folder-id", folder).send();

			assertThat(r.statusCode()).isEqualTo(403);
			assertThat(r.body()).isEqualTo(aiBody(r, listDenied(folder, cloud.access().defaultCloudId())));
			assertThat(Json.requestId(r)).isEqualTo(r.headers().firstValue("x-request-id").orElseThrow());
		}
	}

	@Test
	void theServiceRoleOnTheFolderAllowsTheCompletion() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");

		assertThat(completion().statusCode()).isEqualTo(200);
	}

	@Test
	void aRoleOnTheCloudIsInheritedByItsFolders() {
		cloud.access().grant(AccessBinding.onCloud(sa, "ai.languageModels.user", cloud.access().defaultCloudId()));

		assertThat(completion().statusCode()).isEqualTo(200);
	}

	@Test
	void aRoleOnTheOrganizationIsInheritedByEveryCloudAndFolder() {
		String otherCloud = cloud.access().createCloud();
		String folder = cloud.access().createFolder(otherCloud);
		ServiceAccount elsewhere = cloud.createServiceAccount(folder);
		cloud.access().grant(AccessBinding.onOrganization(elsewhere, "ai.languageModels.user", cloud.access().organizationId()));

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").auth(cloud.issueIamToken(elsewhere).authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void aRoleOnAnotherCloudDoesNotReachThisFolder() {
		String otherCloud = cloud.access().createCloud();
		cloud.access().grant(AccessBinding.onCloud(sa, "ai.languageModels.user", otherCloud));

		HttpResponse<String> r = completion();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(Json.body(r).path("error").path("message").asText()).isEqualTo(listDenied(sa.folderId(), cloud.access().defaultCloudId()));
	}

	@Test
	void theRefusalNamesTheCloudTheFolderWasCreatedIn() {
		String otherCloud = cloud.access().createCloud();
		String folder = cloud.access().createFolder(otherCloud);
		ServiceAccount there = cloud.createServiceAccount(folder);

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").auth(cloud.issueIamToken(there).authorization()).send();

		assertThat(r.body()).isEqualTo(aiBody(r, listDenied(folder, otherCloud)));
		assertThat(cloud.access().cloudOf(folder)).isEqualTo(otherCloud).startsWith("b1g").hasSize(20);
		assertThat(cloud.access().organizationId()).startsWith("bpf").hasSize(20);
	}

	@Test
	void aTextRoleDoesNotAllowImageGenerationWhichIsRefusedPerModel() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");

		HttpResponse<String> r = imageGeneration();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo(aiBody(r, "Access to model art://yandex-art/latest denied"));
		assertThat(completion().statusCode()).isEqualTo(200);
	}

	@Test
	void theImageRoleAllowsImageGeneration() {
		cloud.access().grantInFolder(sa, "ai.imageGeneration.user");

		assertThat(imageGeneration().statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0} -> completion {1}, monitoring read {2}")
	@CsvSource({ "viewer, 403, 200", "editor, 200, 200", "admin, 200, 200", "ai.editor, 200, 403", "ai.languageModels.user, 200, 403",
			"monitoring.viewer, 403, 200" })
	void primitiveRolesImplyEachOtherAndServiceRolesStayInTheirService(String role, int completion, int monitoringRead) {
		cloud.access().grantInFolder(sa, role);

		HttpResponse<String> read = http.post("/monitoring/v2/data/read?folderId=" + sa.folderId(), "{}").auth(token.authorization()).send();

		assertThat(completion().statusCode()).isEqualTo(completion);
		assertThat(read.statusCode()).isEqualTo(monitoringRead);
	}

	/** The role pages read in yandex-cloud/docs en/_roles (roles.json's sources): each service's invoker/user role, and roles that do not grant the call. */
	@ParameterizedTest(name = "{0} on the folder -> {1} {2}")
	@CsvSource({ "functions.functionInvoker, /functions.yandexcloud.net/d4e00000000000000000, 200",
			"functions.editor, /functions.yandexcloud.net/d4e00000000000000000, 200",
			"serverless-containers.containerInvoker, /bba00000000000000000.containers.yandexcloud.net/hello, 200",
			"serverless-containers.admin, /bba00000000000000000.containers.yandexcloud.net/hello, 200",
			"functions.functionInvoker, /bba00000000000000000.containers.yandexcloud.net/hello, 403", "search-api.webSearch.user, /v2/web/search, 200",
			"search-api.editor, /v2/web/search, 200", "search-api.executor, /v2/web/search, 403", "serverless.workflows.executor, /workflows/v1/execution/start, 200",
			"serverless.workflows.viewer, /workflows/v1/execution/start, 403" })
	void eachServicesRolesAsTheDocsRolePagesSay(String role, String path, int status) {
		cloud.access().grant(AccessBinding.onFolder(sa, role, sa.folderId()));

		HttpResponse<String> r = http.post(path, "{\"folderId\":\"" + sa.folderId() + "\"}").auth(token.authorization()).send();

		assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
	}

	@Test
	void rolesTheDocsSayAreNoLongerAvailableAreNotKnown() {
		assertThat(cloud.access().knownRoles()).contains("serverless-containers.containerInvoker", "functions.functionInvoker")
				.doesNotContain("serverless.containers.invoker", "serverless.containers.editor", "serverless.functions.invoker");
	}

	@Test
	void monitoringRefusesInTheStandardStyle() {
		HttpResponse<String> r = http.post("/monitoring/v2/data/write?folderId=" + sa.folderId(), "{}").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo("{\"code\":7,\"message\":\"" + listDenied(sa.folderId(), cloud.access().defaultCloudId())
				+ "\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}");
	}

	@Test
	void routesThatNeedNoRoleStayOpen() {
		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void theJournalNamesThePermissionAndTheBindingsConsulted() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");

		imageGeneration();

		assertThat(cloud.journal().last().orElseThrow().reason()).contains("needs permission ai.imageGeneration.execute")
				.contains("bindings consulted: ai.languageModels.user on resource-manager.folder " + sa.folderId())
				.contains("en/ai-studio/security/index.md");
	}

	@Test
	void anAcceptedRequestNamesTheBindingThatAllowedIt() {
		cloud.access().grantInFolder(sa, "editor");

		completion();

		assertThat(cloud.journal().last().orElseThrow().reason())
				.endsWith("permission ai.languageModels.execute granted by editor on resource-manager.folder " + sa.folderId());
	}

	@Test
	void aRevokedRoleNoLongerAllows() {
		AccessBinding binding = cloud.access().grantInFolder(sa, "ai.languageModels.user").get(0);
		assertThat(completion().statusCode()).isEqualTo(200);

		assertThat(cloud.access().revoke(binding)).isTrue();

		assertThat(completion().statusCode()).isEqualTo(403);
		assertThat(cloud.access().bindings()).isEmpty();
	}

	@Test
	void anUnknownRoleOrAccountIsRefusedWithWhatToChange() {
		assertThatThrownBy(() -> cloud.access().grantInFolder(sa, "ai.languageModel.user")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("role 'ai.languageModel.user' is unknown; known roles: [").hasMessageContaining("ai.languageModels.user");
		assertThatThrownBy(() -> cloud.access().grant(new AccessBinding("ajenobody0000000000", "viewer", AccessBinding.FOLDER, sa.folderId())))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ajenobody0000000000', which is not registered");
		assertThat(cloud.access().bindings()).isEmpty();
	}

	@Test
	void resetForgetsTheBindingsButKeepsTheMode() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");

		cloud.reset();

		assertThat(cloud.access().bindings()).isEmpty();
		assertThat(cloud.access().mode()).isEqualTo(AccessMode.STRICT);
	}

	@Test
	void theModeCanBeSwitchedAtRunTime() {
		cloud.access().mode(AccessMode.DEFAULT);

		assertThat(completion().statusCode()).isEqualTo(200);
	}

	@Test
	void inDefaultModeAnAccountWithABindingIsJudgedByItsBindings() {
		cloud.access().mode(AccessMode.DEFAULT);
		cloud.access().grantInFolder(sa, "monitoring.viewer");

		assertThat(completion().statusCode()).isEqualTo(403);
		assertThat(List.of(cloud.access().mode())).containsExactly(AccessMode.DEFAULT);
	}
}
