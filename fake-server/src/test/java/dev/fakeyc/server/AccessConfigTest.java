package dev.fakeyc.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 16 in the config format and the control API: the {@code access} section, and {@code GET /_fakeyc/access-report}. */
class AccessConfigTest {
	private static final String DOC = """
			{ "serviceAccounts": [ { "id": "ajesa0000000000000001", "folderId": "b1gfolder00000000001" } ],
			  "iamTokens": [ { "token": "t1.sa-token", "subjectId": "ajesa0000000000000001" } ],
			  "access": {
			    "mode": "strict",
			    "organizationId": "bpforg00000000000001",
			    "clouds": [ { "id": "b1gcloud000000000001", "folders": ["b1gfolder00000000001"] } ],
			    "bindings": [ { "subjectId": "ajesa0000000000000001", "roleId": "ai.languageModels.user",
			                    "resourceType": "resource-manager.cloud", "resourceId": "b1gcloud000000000001" } ] } }
			""";

	private FakeYandexCloud cloud;
	private Http http;

	@BeforeEach
	void start() {
		cloud = FakeYandexCloud.builder().controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start();
		http = new Http(cloud);
	}

	@AfterEach
	void stop() {
		cloud.close();
	}

	private HttpResponse<String> post(String path) {
		return http.post(path, "{}").auth("Bearer t1.sa-token").send();
	}

	@Test
	void theAccessSectionSetsTheModeTheHierarchyAndTheBindings() {
		cloud.credentials().declare(DOC);

		assertThat(cloud.access().mode()).isEqualTo(AccessMode.STRICT);
		assertThat(cloud.access().organizationId()).isEqualTo("bpforg00000000000001");
		assertThat(cloud.access().cloudOf("b1gfolder00000000001")).isEqualTo("b1gcloud000000000001");
		assertThat(post("/foundationModels/v1/completion").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = post("/translate/v2/translate");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(Json.body(refused).path("message").asText()).isEqualTo("Permission to [resource-manager.folder b1gfolder00000000001, "
				+ "resource-manager.cloud b1gcloud000000000001, organization-manager.organization bpforg00000000000001] denied");
	}

	@Test
	void resetAppliesTheDeclaredSectionAgain() {
		cloud.credentials().declare(DOC);
		cloud.access().revoke(cloud.access().bindings().get(0));

		cloud.reset();

		assertThat(cloud.access().bindings()).extracting(AccessBinding::roleId).containsExactly("ai.languageModels.user");
	}

	@Test
	void aRequestDuringResetSeesTheDeclaredBindingsBeforeOrAfterNeverTheBareStart() throws Exception {
		cloud.credentials().declare(DOC);
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			java.util.concurrent.atomic.AtomicBoolean resetting = new java.util.concurrent.atomic.AtomicBoolean(true);
			java.util.List<java.util.concurrent.Future<java.util.List<Integer>>> runs = new java.util.ArrayList<>();
			for (int t = 0; t < 4; t++) {
				runs.add(senders.submit(() -> {
					java.util.List<Integer> statuses = new java.util.ArrayList<>();
					while (resetting.get()) {
						statuses.add(post("/foundationModels/v1/completion").statusCode());
					}
					return statuses;
				}));
			}
			for (int i = 0; i < 300; i++) {
				cloud.reset(); // the declared binding exists before and after each reset
			}
			resetting.set(false);
			java.util.List<Integer> all = new java.util.ArrayList<>();
			for (java.util.concurrent.Future<java.util.List<Integer>> run : runs) {
				all.addAll(run.get(60, java.util.concurrent.TimeUnit.SECONDS));
			}
			assertThat(all).isNotEmpty().containsOnly(200);
		} finally {
			senders.shutdownNow();
		}
	}

	@Test
	void theControlApiTakesTheSectionAndServesTheReport() {
		HttpResponse<String> added = http.post("/_fakeyc/credentials", DOC).send();
		post("/foundationModels/v1/completion");
		HttpResponse<String> refused = post("/translate/v2/translate");

		HttpResponse<String> report = http.get("/_fakeyc/access-report").send();

		assertThat(added.statusCode()).isEqualTo(200);
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).isEqualTo("{\"accounts\":[{\"subjectId\":\"ajesa0000000000000001\",\"neededRoles\":["
				+ "{\"roleId\":\"ai.languageModels.user\",\"resourceType\":\"resource-manager.folder\",\"resourceId\":\"b1gfolder00000000001\"},"
				+ "{\"roleId\":\"ai.translate.user\",\"resourceType\":\"resource-manager.folder\",\"resourceId\":\"b1gfolder00000000001\"}],"
				+ "\"refused\":[{\"requestId\":\"" + Json.requestId(refused) + "\",\"method\":\"POST\",\"path\":\"/translate/v2/translate\",\"status\":403,"
				+ "\"message\":\"Permission to [resource-manager.folder b1gfolder00000000001, resource-manager.cloud b1gcloud000000000001, "
				+ "organization-manager.organization bpforg00000000000001] denied\"}]}]}");
	}

	@Test
	void theControlApiSwitchesTheMode() {
		http.post("/_fakeyc/credentials", "{\"access\":{\"mode\":\"strict\"}}").send();

		assertThat(cloud.access().mode()).isEqualTo(AccessMode.STRICT);
	}

	@Test
	void mistakesNameTheirJsonPathAndChangeNothing() {
		assertThatThrownBy(() -> cloud.credentials().declare("{\"access\":{\"mode\":\"lenient\"}}")).hasMessageStartingWith("$.access.mode: must be \"default\"");
		assertThatThrownBy(() -> cloud.credentials().declare("{\"access\":{\"bindings\":[{\"subjectId\":\"ajex\",\"roleId\":\"ai.languageModel.user\","
				+ "\"resourceType\":\"resource-manager.folder\",\"resourceId\":\"b1g\"}]}}"))
				.hasMessageStartingWith("$.access.bindings[0].roleId: role 'ai.languageModel.user' is unknown; known roles: [");
		assertThatThrownBy(() -> cloud.credentials().addCredentials("{\"access\":{\"bindings\":[{\"subjectId\":\"ajenobody\",\"roleId\":\"viewer\","
				+ "\"resourceType\":\"resource-manager.folder\",\"resourceId\":\"b1g\"}]}}"))
				.hasMessage("$.access.bindings[0].subjectId: account 'ajenobody' is not registered; declare it under serviceAccounts or userAccounts");
		assertThatThrownBy(() -> cloud.credentials().declare("{\"access\":{\"bindings\":[{\"subjectId\":\"ajex\",\"roleId\":\"viewer\","
				+ "\"resourceType\":\"resource-manager.project\",\"resourceId\":\"b1g\"}]}}")).hasMessageStartingWith("$.access.bindings[0]: access binding resource type must be");
		assertThatThrownBy(() -> cloud.credentials().declare("{\"access\":{\"roles\":[]}}"))
				.hasMessage("$.access.roles: unknown field; allowed here: bindings, clouds, mode, organizationId");
		HttpResponse<String> r = http.post("/_fakeyc/credentials", "{\"access\":{\"mode\":1}}").send();
		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(cloud.access().mode()).isEqualTo(AccessMode.DEFAULT);
		assertThat(cloud.access().bindings()).isEmpty();
	}
}
