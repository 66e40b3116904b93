package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog is data: a test adds or overrides services in JSON, and a bad catalog names its JSON path. */
class CatalogTest {
	@Test
	void addedServiceIsCheckedByItsOwnRules() {
		String catalog = """
				{"services":[{"id":"my-gateway","errorStyle":"ai","resources":[
				  {"id":"invoke","apiKey":true,"scopes":["yc.serverless.functions.invoke"],
				   "routes":[{"method":"POST","path":"/my/v1/things/{id}:run","response":{"status":202,"body":{"run":"${path:id}"}}}]}]}]}
				""";
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().catalog(catalog).build().start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.FUNCTIONS_INVOKE));
			Http http = new Http(cloud);

			HttpResponse<String> ok = http.post("/my/v1/things/t42:run", "{}").auth(key.authorization()).send();
			HttpResponse<String> refused = http.post("/my/v1/things/t42:run", "{}").send();

			assertThat(ok.statusCode()).isEqualTo(202);
			assertThat(ok.body()).isEqualTo("{\"run\":\"t42\"}");
			assertThat(Json.body(refused).path("error").path("message").asText()).isEqualTo("IAM token or API key has to be passed in request");
		}
	}

	@Test
	void serviceWithABuiltInIdReplacesIt() {
		String catalog = """
				{"services":[{"id":"serverless-workflows","resources":[
				  {"id":"everything","apiKey":true,"scopes":["yc.serverless.workflows.execute"],"routes":[{"path":"/workflows/v1/**"}]}]}]}
				""";
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().catalog(catalog).build().start()) {
			ApiKey key = cloud.createApiKey(cloud.createServiceAccount(), Set.of(Scopes.WORKFLOWS_EXECUTE));

			HttpResponse<String> r = new Http(cloud).get("/workflows/v1/workflow/dfq0").auth(key.authorization()).send();

			assertThat(r.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void unknownFieldIsAnErrorNamingItsPath() {
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog("{\"services\":[{\"id\":\"x\",\"resources\":[{\"id\":\"r\",\"scope\":[],\"routes\":[]}]}]}"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("$.services[0].resources[0].scope: unknown field; allowed here: anonymous, apiKey, apiKeyAsBearer, grpc, id, routes, scopes");
	}

	@Test
	void resourceThatTakesKeysWithoutScopesIsAnError() {
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog("{\"services\":[{\"id\":\"x\",\"resources\":[{\"id\":\"r\",\"apiKey\":true,\"routes\":[{\"path\":\"/x\"}]}]}]}"))
				.hasMessage("$.services[0].resources[0].scopes: resource 'r' accepts API keys but names no scope that unlocks it");
	}

	@Test
	void aGrpcMethodPatternThatIsNoneOfTheThreeFormsIsAnErrorNamingItsPath() {
		assertThatThrownBy(() -> FakeYandexCloud.builder()
				.catalog("{\"services\":[{\"id\":\"x\",\"resources\":[{\"id\":\"r\",\"grpc\":[\"my.v1.Thing/Get\",\"Thing*\"],\"routes\":[{\"path\":\"/x\"}]}]}]}"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("$.services[0].resources[0].grpc[1]: '****' is not a gRPC method pattern;") // values are masked: a secret may sit in the wrong place
				.hasMessageContaining("pkg.Service/Method, pkg.Service/* or pkg.prefix.**");
	}

	@Test
	void aFieldFolderSourceMustBeAFieldPath() {
		assertThatThrownBy(() -> FakeYandexCloud.builder()
				.catalog("{\"services\":[{\"id\":\"x\",\"folder\":{\"from\":[\"field:folder_id\"]},\"resources\":[{\"id\":\"r\",\"routes\":[{\"path\":\"/x\"}]}]}]}"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("$.services[0].folder.from[0]: 'field:folder_id' is not a protobuf field path; write field numbers joined by dots, like field:1 or field:2.1");
	}

	@Test
	void aStreamsGrpcMethodMustBeOneMethod() {
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog("""
				{"services":[{"id":"x","resources":[{"id":"r","routes":[{"path":"/x","response":{"stream":
				  {"format":"foundation-models","when":"body:stream","grpc":"my.v1.Gen/*","chunks":[{"text":"a"}]}}}]}]}]}
				""")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("$.services[0].resources[0].routes[0].response.stream.grpc: 'my.v****en/*' is not a gRPC method;");
	}

	@Test
	void aResponsesGrpcMethodMustBeOneMethodOfItsResource() {
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog("""
				{"services":[{"id":"x","resources":[{"id":"r","grpc":["my.v1.Thing/*"],"routes":[{"path":"/x","response":{"grpc":"my.v1.Other/Get"}}]}]}]}
				""")).isInstanceOf(IllegalArgumentException.class).hasMessage("$.services[0].resources[0].routes[0].response.grpc: 'my.v****/Get' is none of "
				+ "the methods this resource's \"grpc\" patterns name: add it there, or answer it from the resource that names it");
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog("""
				{"services":[{"id":"x","resources":[{"id":"r","grpc":["my.v1.Thing/*"],"routes":[{"path":"/x","response":{"grpc":"my.v1.Thing/*"}}]}]}]}
				""")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("$.services[0].resources[0].routes[0].response.grpc: 'my.v****ng/*' is not a gRPC method;");
		assertThat(FakeYandexCloud.builder().catalog("""
				{"services":[{"id":"x","resources":[{"id":"r","grpc":["my.v1.Thing/*"],"routes":[{"path":"/x","response":{"grpc":"my.v1.Thing/Get"}}]}]}]}
				""").build()).isNotNull();
	}

	@Test
	void badJsonIsAnError() {
		assertThatThrownBy(() -> FakeYandexCloud.builder().catalog("{\"services\":["))
				.isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("$: not valid JSON");
	}

	@Test
	void catalogScopesBecomeKnownScopes() {
		String catalog = """
				{"services":[{"id":"x","resources":[{"id":"r","apiKey":true,"scopes":["yc.my.custom.scope"],"routes":[{"path":"/x"}]}]}]}
				""";
		FakeYandexCloud cloud = FakeYandexCloud.builder().catalog(catalog).build();

		assertThat(cloud.credentials().knownScopes()).contains("yc.my.custom.scope", Scopes.WORKFLOWS_EXECUTE);
		assertThat(cloud.createApiKey(cloud.createServiceAccount(), Set.of("yc.my.custom.scope")).scopes()).containsExactly("yc.my.custom.scope");
	}

	@Test
	void credentialsAddedAtRuntimeMayUseScopesOfEveryCatalogAddition() {
		FakeYandexCloud cloud = FakeYandexCloud.builder()
				.catalog("{\"services\":[{\"id\":\"a\",\"resources\":[{\"id\":\"r\",\"apiKey\":true,\"scopes\":[\"yc.first.scope\"],\"routes\":[{\"path\":\"/a\"}]}]}]}")
				.catalog("{\"services\":[{\"id\":\"b\",\"resources\":[{\"id\":\"r\",\"apiKey\":true,\"scopes\":[\"yc.second.scope\"],\"routes\":[{\"path\":\"/b\"}]}]}]}")
				.build();

		cloud.credentials().addCredentials("""
				{"serviceAccounts":[{"id":"ajesa1","folderId":"b1g1"}],
				 "apiKeys":[{"id":"ajek1","secret":"AQVNabcdefghijklmnopqrstuvwxyz0123456789","serviceAccountId":"ajesa1","scopes":["yc.second.scope"]}]}
				""");

		assertThat(cloud.credentials().findApiKey("ajek1")).get().extracting(ApiKey::scopes).isEqualTo(Set.of("yc.second.scope"));
	}

	@Test
	void aSecretWrittenWithoutQuotesIsMaskedInTheJsonError() {
		FakeYandexCloud cloud = FakeYandexCloud.create();
		String secret = "AQVNabcdefghijklmnopqrstuvwxyz0123456789";

		assertThatThrownBy(() -> cloud.credentials().addCredentials("{\"apiKeys\":[{\"secret\": " + secret + "}]}"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("$: not valid JSON: Unrecognized token 'AQVN****6789'")
				.satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
	}
}
