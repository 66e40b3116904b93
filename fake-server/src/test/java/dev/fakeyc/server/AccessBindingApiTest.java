package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: the access-binding REST API (list/set/update on folders, clouds, organizations, service accounts), under the same role check. */
class AccessBindingApiTest extends FakeCloudTestBase {
	private ServiceAccount admin;
	private IamToken adminToken;
	private IamToken workerToken;

	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().accessMode(AccessMode.STRICT);
	}

	@BeforeEach
	void accounts() {
		admin = cloud.createServiceAccount();
		cloud.access().grant(AccessBinding.onOrganization(admin, "admin", cloud.access().organizationId()));
		adminToken = cloud.issueIamToken(admin);
		workerToken = cloud.issueIamToken(sa);
	}

	private String grantBody(String role) {
		return "{\"accessBindings\":[{\"roleId\":\"" + role + "\",\"subject\":{\"id\":\"" + sa.id() + "\",\"type\":\"serviceAccount\"}}]}";
	}

	private HttpResponse<String> completion() {
		return http.post("/foundationModels/v1/completion", "{}").auth(workerToken.authorization()).send();
	}

	@Test
	void setListAndUpdateOnAFolderRoundTrip() {
		String folder = "/resource-manager/v1/folders/" + sa.folderId();
		assertThat(completion().statusCode()).isEqualTo(403);

		HttpResponse<String> set = http.post(folder + ":setAccessBindings", grantBody("ai.languageModels.user")).auth(adminToken.authorization()).send();

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(Json.body(set).path("done").asBoolean()).isTrue();
		assertThat(Json.body(set).path("metadata").toString())
				.isEqualTo("{\"@type\":\"type.googleapis.com/yandex.cloud.access.SetAccessBindingsMetadata\",\"resourceId\":\"" + sa.folderId() + "\"}");
		assertThat(completion().statusCode()).isEqualTo(200);
		HttpResponse<String> list = http.get(folder + ":listAccessBindings").auth(adminToken.authorization()).send();
		assertThat(list.body()).isEqualTo("{\"accessBindings\":[{\"roleId\":\"ai.languageModels.user\",\"subject\":{\"id\":\"" + sa.id()
				+ "\",\"type\":\"serviceAccount\"}}],\"nextPageToken\":\"\"}");

		HttpResponse<String> update = http.post(folder + ":updateAccessBindings", "{\"accessBindingDeltas\":[{\"action\":\"REMOVE\",\"accessBinding\":"
				+ "{\"roleId\":\"ai.languageModels.user\",\"subject\":{\"id\":\"" + sa.id() + "\",\"type\":\"serviceAccount\"}}}]}")
				.auth(adminToken.authorization()).send();

		assertThat(update.statusCode()).isEqualTo(200);
		assertThat(cloud.access().bindings()).noneMatch(b -> b.subjectId().equals(sa.id()));
		assertThat(completion().statusCode()).isEqualTo(403);
	}

	@Test
	void aRoleSetOnTheCloudReachesTheFolder() {
		HttpResponse<String> set = http.post("/resource-manager/v1/clouds/" + cloud.access().defaultCloudId() + ":updateAccessBindings",
				"{\"accessBindingDeltas\":[{\"action\":\"ADD\",\"accessBinding\":{\"roleId\":\"ai.editor\",\"subject\":{\"id\":\"" + sa.id() + "\"}}}]}")
				.auth(adminToken.authorization()).send();

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(completion().statusCode()).isEqualTo(200);
	}

	@Test
	void anAccountWithoutAnAdminRoleMayNotSetBindings() {
		HttpResponse<String> r = http.post("/resource-manager/v1/folders/" + sa.folderId() + ":setAccessBindings", grantBody("admin"))
				.auth(workerToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo("{\"code\":7,\"message\":\"Permission to [resource-manager.folder " + sa.folderId() + ", resource-manager.cloud "
				+ cloud.access().defaultCloudId() + ", organization-manager.organization " + cloud.access().organizationId() + "] denied\",\"details\":"
				+ "[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}");
		assertThat(cloud.access().bindings()).noneMatch(b -> b.subjectId().equals(sa.id()));
	}

	@Test
	void aViewerMayListButNotSet() {
		cloud.access().grantInFolder(sa, "viewer");
		String folder = "/resource-manager/v1/folders/" + sa.folderId();

		assertThat(http.get(folder + ":listAccessBindings").auth(workerToken.authorization()).send().statusCode()).isEqualTo(200);
		assertThat(http.post(folder + ":setAccessBindings", grantBody("editor")).auth(workerToken.authorization()).send().statusCode()).isEqualTo(403);
	}

	@Test
	void bindingsOnAServiceAccountAndTheOrganizationAreListed() {
		http.post("/iam/v1/serviceAccounts/" + sa.id() + ":setAccessBindings", grantBody("viewer")).auth(adminToken.authorization()).send();

		HttpResponse<String> onAccount = http.get("/iam/v1/serviceAccounts/" + sa.id() + ":listAccessBindings").auth(adminToken.authorization()).send();
		HttpResponse<String> onOrg = http.get("/organization-manager/v1/organizations/" + cloud.access().organizationId() + ":listAccessBindings")
				.auth(adminToken.authorization()).send();

		assertThat(Json.body(onAccount).path("accessBindings").get(0).path("roleId").asText()).isEqualTo("viewer");
		assertThat(Json.body(onOrg).path("accessBindings").get(0).path("subject").path("id").asText()).isEqualTo(admin.id());
		assertThat(cloud.access().bindings()).contains(new AccessBinding(sa.id(), "viewer", AccessBinding.SERVICE_ACCOUNT, sa.id()));
	}

	@Test
	void unknownResourcesRolesAndSubjectsAreRefusedClearly() {
		HttpResponse<String> cloudMissing = http.get("/resource-manager/v1/clouds/b1gnosuchcloud000000:listAccessBindings").auth(adminToken.authorization()).send();
		HttpResponse<String> badRole = http.post("/resource-manager/v1/folders/" + sa.folderId() + ":setAccessBindings", grantBody("ai.nosuch.user"))
				.auth(adminToken.authorization()).send();
		HttpResponse<String> noDeltas = http.post("/resource-manager/v1/folders/" + sa.folderId() + ":updateAccessBindings", "{}")
				.auth(adminToken.authorization()).send();

		assertThat(cloudMissing.statusCode()).isEqualTo(404);
		assertThat(Json.body(cloudMissing).path("message").asText()).isEqualTo("Cloud b1gnosuchcloud000000 not found");
		assertThat(badRole.statusCode()).isEqualTo(400);
		assertThat(Json.body(badRole).path("message").asText()).isEqualTo("Role ai.nosuch.user not found");
		assertThat(noDeltas.statusCode()).isEqualTo(400);
		assertThat(Json.body(noDeltas).path("message").asText()).isEqualTo("Validation failed:\n  - access_binding_deltas: Field is required");
	}
	private static String errorBody(int code, String message, HttpResponse<String> r) {
		return "{\"code\":" + code + ",\"message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString()
				+ ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\","
				+ "\"requestId\":\"" + Json.requestId(r) + "\"}]}";
	}

	@Test
	void anUnknownFolderIsNotFoundAndNothingIsStored() {
		String folder = "/resource-manager/v1/folders/b1gnosuchfolder00001";
		java.util.List<AccessBinding> before = cloud.access().bindings();

		HttpResponse<String> set = http.post(folder + ":setAccessBindings", grantBody("viewer")).auth(adminToken.authorization()).send();
		HttpResponse<String> update = http.post(folder + ":updateAccessBindings", "{\"accessBindingDeltas\":[{\"action\":\"ADD\",\"accessBinding\":"
				+ "{\"roleId\":\"viewer\",\"subject\":{\"id\":\"" + sa.id() + "\",\"type\":\"serviceAccount\"}}}]}").auth(adminToken.authorization()).send();
		HttpResponse<String> list = http.get(folder + ":listAccessBindings").auth(adminToken.authorization()).send();

		for (HttpResponse<String> r : java.util.List.of(set, update, list)) {
			assertThat(r.statusCode()).isEqualTo(404);
			assertThat(r.body()).isEqualTo(errorBody(5, "Folder b1gnosuchfolder00001 not found", r));
		}
		assertThat(cloud.access().bindings()).isEqualTo(before);
	}

	@Test
	void aResourceIdOverSixtyFourCharactersIsInvalidEvenPastTheJournalsPathBound() {
		for (int length : new int[]{ 65, 2100 }) {
			String id = "b".repeat(length);
			for (String kind : java.util.List.of("folders", "clouds")) {
				HttpResponse<String> r = http.get("/resource-manager/v1/" + kind + "/" + id + ":listAccessBindings").auth(adminToken.authorization()).send();

				assertThat(r.statusCode()).as("%s, %d characters", kind, length).isEqualTo(400);
				assertThat(r.body()).isEqualTo(errorBody(3, "Validation failed:\n  - resource_id: Length must be at most 64", r));
			}
		}
	}

	@Test
	void aFolderCreatedInACloudIsKnown() {
		String folderId = cloud.access().createFolder(cloud.access().defaultCloudId());

		HttpResponse<String> set = http.post("/resource-manager/v1/folders/" + folderId + ":setAccessBindings", grantBody("viewer"))
				.auth(adminToken.authorization()).send();

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(cloud.access().bindings()).contains(AccessBinding.onFolder(sa, "viewer", folderId));
	}

	private HttpResponse<String> setOnFolder(String subjectId, String type) {
		return http.post("/resource-manager/v1/folders/" + sa.folderId() + ":setAccessBindings", "{\"accessBindings\":[{\"roleId\":\"viewer\","
				+ "\"subject\":{\"id\":\"" + subjectId + "\",\"type\":\"" + type + "\"}}]}").auth(adminToken.authorization()).send();
	}

	@Test
	void aSubjectTypeThatIsNoneOfTheCloudsIsInvalid() {
		HttpResponse<String> r = setOnFolder(sa.id(), "robot");

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(r.body()).isEqualTo(errorBody(3, "Validation failed:\n  - access_bindings[0].subject.type: must be one of userAccount, serviceAccount, "
				+ "federatedUser, system, group, invitee: 'robot'", r));
		assertThat(cloud.access().bindings()).noneMatch(b -> b.subjectId().equals(sa.id()));
	}

	@Test
	void aBindingsStringFieldGivenAnotherKindOfJsonIsInvalid() {
		String folder = "/resource-manager/v1/folders/" + sa.folderId() + ":setAccessBindings";
		for (String[] c : new String[][]{
				{ "{\"roleId\":\"viewer\",\"subject\":{\"id\":\"" + sa.id() + "\",\"type\":[\"serviceAccount\"]}}", "subject.type" },
				{ "{\"roleId\":7,\"subject\":{\"id\":\"" + sa.id() + "\",\"type\":\"serviceAccount\"}}", "role_id" },
				{ "{\"roleId\":\"viewer\",\"subject\":{\"id\":{},\"type\":\"serviceAccount\"}}", "subject.id" } }) {
			HttpResponse<String> r = http.post(folder, "{\"accessBindings\":[" + c[0] + "]}").auth(adminToken.authorization()).send();

			assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
			assertThat(r.body()).isEqualTo(errorBody(3, "Validation failed:\n  - access_bindings[0]." + c[1] + ": must be a string", r));
		}
		assertThat(cloud.access().bindings()).noneMatch(b -> b.subjectId().equals(sa.id()));
	}

	@Test
	void aSubjectTypeThatContradictsTheSubjectIsInvalid() {
		UserAccount user = cloud.createUserAccount();

		HttpResponse<String> saAsUser = setOnFolder(sa.id(), "userAccount");
		HttpResponse<String> userAsSa = http.post("/resource-manager/v1/folders/" + sa.folderId() + ":updateAccessBindings",
				"{\"accessBindingDeltas\":[{\"action\":\"ADD\",\"accessBinding\":{\"roleId\":\"viewer\",\"subject\":{\"id\":\"" + user.id()
						+ "\",\"type\":\"serviceAccount\"}}}]}")
				.auth(adminToken.authorization()).send();
		HttpResponse<String> saAsGroup = setOnFolder(sa.id(), "group");

		assertThat(saAsUser.statusCode()).isEqualTo(400);
		assertThat(saAsUser.body()).isEqualTo(errorBody(3, "Validation failed:\n  - access_bindings[0].subject.type: subject " + sa.id()
				+ " is a serviceAccount, not a userAccount", saAsUser));
		assertThat(userAsSa.statusCode()).isEqualTo(400);
		assertThat(userAsSa.body()).isEqualTo(errorBody(3, "Validation failed:\n  - access_binding_deltas[0].access_binding.subject.type: subject "
				+ user.id() + " is a userAccount, not a serviceAccount", userAsSa));
		assertThat(saAsGroup.statusCode()).isEqualTo(400);
		assertThat(Json.body(saAsGroup).path("message").asText()).endsWith("is a serviceAccount, not a group");
		assertThat(cloud.access().bindings()).noneMatch(b -> b.subjectId().equals(sa.id()) || b.subjectId().equals(user.id()));
	}

	@Test
	void aUserAccountMayBeNamedAsAFederatedUser() {
		UserAccount user = cloud.createUserAccount();

		HttpResponse<String> r = setOnFolder(user.id(), "federatedUser");

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(cloud.access().bindings()).contains(AccessBinding.onFolder(user, "viewer", sa.folderId()));
	}
}
