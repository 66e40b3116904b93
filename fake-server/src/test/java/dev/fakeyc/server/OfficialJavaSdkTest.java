package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import yandex.cloud.sdk.auth.Auth;
import yandex.cloud.sdk.auth.IamToken;
import yandex.cloud.sdk.auth.jwt.JwtCreator;
import yandex.cloud.sdk.auth.jwt.ServiceAccountKey;
import yandex.cloud.sdk.auth.provider.CredentialProvider;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Yandex Cloud Java SDK ({@code com.yandex.cloud:java-sdk-auth}) against the fake: it reads
 * the key file the fake writes, its JWT is exchanged for a working token, and its metadata client gets
 * a token from the fake's metadata endpoint. (The SDK exchanges JWTs over gRPC, which the fake does not
 * speak, and its provider classes pull in gRPC: the test reads the file into the SDK's key type with
 * the same Jackson binding the provider's loader uses, and sends the SDK's own JWT over REST.)
 */
class OfficialJavaSdkTest extends FakeCloudTestBase {
	@Test
	void sdkReadsTheKeyFileAndItsJwtIsExchangedForAWorkingToken() {
		AuthorizedKey key = cloud.createAuthorizedKey(sa);
		JsonNode file = Json.parse(key.toKeyFile());

		// read as the SDK's fromFile/fromJson read it: Jackson binding onto its ServiceAccountKey, whose
		// constructor parses the PEMs, the "PLEASE DO NOT REMOVE THIS LINE!" line included
		ServiceAccountKey sdkKey = readAsTheSdkDoes(key.toKeyFile());
		assertThat(sdkKey.getKeyId()).isEqualTo(file.path("id").asText());
		// the JWT the SDK's ApiKeyCredentialProvider would send
		String jwt = new yandex.cloud.sdk.auth.apikey.ApiKey(sdkKey).getJwt().getToken();
		HttpResponse<String> exchanged = http.post("/iam/v1/tokens", "{\"jwt\":\"" + jwt + "\"}").send();

		assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
		String token = Json.body(exchanged).path("iamToken").asText();
		assertThat(http.get("/compute/v1/instances").auth("Bearer " + token).send().statusCode()).isEqualTo(200);
	}

	@Test
	void sdkJwtCreatorsDefaultTokenIsAccepted() throws Exception {
		ServiceAccountKey sdkKey = readAsTheSdkDoes(cloud.createAuthorizedKey(sa).toKeyFile());

		HttpResponse<String> r = http.post("/iam/v1/tokens", "{\"jwt\":\"" + new JwtCreator().generateJwt(sdkKey).getToken() + "\"}").send();

		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
	}

	private static ServiceAccountKey readAsTheSdkDoes(String keyFile) {
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().readValue(keyFile, ServiceAccountKey.class);
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@Test
	void sdkMetadataClientGetsATokenFromTheFake() throws Exception {
		cloud.credentials().attachToMetadata(sa);

		try (CredentialProvider provider = Auth.computeEngineBuilder().metadataServerUrl(cloud.baseUrl().toString()).build()) {
			IamToken token = provider.get();

			assertThat(token.getToken()).startsWith("t1.");
			assertThat(http.get("/compute/v1/instances").auth("Bearer " + token.getToken()).send().statusCode()).isEqualTo(200);
			assertThat(cloud.journal().requests(r -> r.path().startsWith("/computeMetadata/"))).first()
					.satisfies(r -> assertThat(r.header("metadata-flavor")).hasValue("Google"));
		}
	}
}
