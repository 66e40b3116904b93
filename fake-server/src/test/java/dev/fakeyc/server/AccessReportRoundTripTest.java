package dev.fakeyc.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The least-privilege report's bindings really allow what was reported: the same calls, made in a fake in default mode
 * and then in a fresh fake in strict mode with only the report's bindings granted, are refused in none.
 */
class AccessReportRoundTripTest {
	private static final String CALLER = "ajecaller00000000001";
	private static final String WORKER = "ajeworker00000000001";
	private static final String ORGANIZATION = "bpforg00000000000001";
	private static final String CLOUD = "b1gcloud000000000001";
	private static final String FOLDER = "b1gfolder00000000001";
	private static final String TOKEN = "t1.caller-token";
	private static final String DOC = """
			{ "serviceAccounts": [ { "id": "%s", "folderId": "%s" }, { "id": "%s", "folderId": "%s" } ],
			  "iamTokens": [ { "token": "%s", "subjectId": "%s" } ],
			  "access": { "mode": "%s", "organizationId": "%s", "clouds": [ { "id": "%s", "folders": ["%s"] } ] } }
			""";

	private final List<FakeYandexCloud> started = new ArrayList<>();

	@AfterEach
	void stop() {
		started.forEach(FakeYandexCloud::close);
	}

	private FakeYandexCloud fake(String mode) {
		FakeYandexCloud cloud = FakeYandexCloud.create().start();
		started.add(cloud);
		cloud.credentials().declare(DOC.formatted(CALLER, FOLDER, WORKER, FOLDER, TOKEN, CALLER, mode, ORGANIZATION, CLOUD, FOLDER));
		return cloud;
	}

	private static String binding(String role) {
		return "{\"roleId\":\"" + role + "\",\"subject\":{\"id\":\"" + WORKER + "\",\"type\":\"serviceAccount\"}}";
	}

	/** The caller's calls: each access-binding call acts on another resource, the last on its folder's model. */
	private static List<Integer> calls(FakeYandexCloud cloud) {
		Http http = new Http(cloud);
		String auth = "Bearer " + TOKEN;
		List<HttpResponse<String>> answers = List.of(
				http.post("/resource-manager/v1/clouds/" + CLOUD + ":setAccessBindings", "{\"accessBindings\":[" + binding("ai.editor") + "]}").auth(auth).send(),
				http.post("/organization-manager/v1/organizations/" + ORGANIZATION + ":updateAccessBindings",
						"{\"accessBindingDeltas\":[{\"action\":\"ADD\",\"accessBinding\":" + binding("viewer") + "}]}").auth(auth).send(),
				http.post("/iam/v1/serviceAccounts/" + WORKER + ":setAccessBindings", "{\"accessBindings\":[" + binding("viewer") + "]}").auth(auth).send(),
				http.get("/resource-manager/v1/folders/" + FOLDER + ":listAccessBindings").auth(auth).send(),
				http.post("/foundationModels/v1/completion", "{}").auth(auth).send(),
				http.post("/monitoring/v2/data/write?folderId=" + FOLDER, "{}").auth(auth).send());
		return answers.stream().map(HttpResponse::statusCode).toList();
	}

	@Test
	void theReportsBindingsAllowTheSameCallsInStrictMode() {
		FakeYandexCloud relaxed = fake("default");
		assertThat(calls(relaxed)).containsOnly(200);
		AccessReport.Account needed = relaxed.accessReport().account(CALLER);
		assertThat(needed.neededRoles()).extracting(AccessBinding::describe).containsExactly(
				"ai.languageModels.user on resource-manager.folder " + FOLDER,
				"monitoring.editor on resource-manager.folder " + FOLDER,
				"resource-manager.admin on iam.serviceAccount " + WORKER,
				"resource-manager.admin on organization-manager.organization " + ORGANIZATION,
				"resource-manager.admin on resource-manager.cloud " + CLOUD,
				"resource-manager.viewer on resource-manager.folder " + FOLDER);

		FakeYandexCloud bare = fake("strict");
		FakeYandexCloud strict = fake("strict");
		needed.neededRoles().forEach(strict.access()::grant);

		assertThat(calls(bare)).containsOnly(403);
		assertThat(calls(strict)).containsOnly(200);
		assertThat(strict.journal().requests()).allMatch(RecordedRequest::accepted);
		assertThat(strict.accessReport().account(CALLER).neededRoles()).isEqualTo(needed.neededRoles());
	}
}
