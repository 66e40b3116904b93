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
 * speak, and its key-file provider pulls in gRPC: the test builds the SDK's key type from the file's
 * fields, as that provider does, and sends the SDK's own JWT over REST.)
 */
class OfficialJavaSdkTest extends FakeCloudTestBase {
	@Test
	void sdkReadsTheKeyFileAndItsJwtIsExchangedForAWorkingToken() {
		AuthorizedKey key = cloud.createAuthorizedKey(sa);
		JsonNode file = Json.parse(key.toKeyFile());

		// the SDK's key type parses the PEMs, the "PLEASE DO NOT REMOVE THIS LINE!" line included
		ServiceAccountKey sdkKey = new ServiceAccountKey(file.path("id").asText(), file.path("service_account_id").asText(),
				file.path("created_at").asText(), file.path("key_algorithm").asText(), file.path("public_key").asText(),
				file.path("private_key").asText());
		String jwt = new JwtCreator().generateJwt(sdkKey).getToken();
		HttpResponse<String> exchanged = http.post("/iam/v1/tokens", "{\"jwt\":\"" + jwt + "\"}").send();

		assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
		String token = Json.body(exchanged).path("iamToken").asText();
		assertThat(http.get("/compute/v1/instances").auth("Bearer " + token).send().statusCode()).isEqualTo(200);
	}

	@Test
	void sdkMetadataClientGetsATokenFromTheFake() throws Exception {
		cloud.attachToMetadata(sa);

		try (CredentialProvider provider = Auth.computeEngineBuilder().metadataServerUrl(cloud.baseUrl()).build()) {
			IamToken token = provider.get();

			assertThat(token.getToken()).startsWith("t1.");
			assertThat(http.get("/compute/v1/instances").auth("Bearer " + token.getToken()).send().statusCode()).isEqualTo(200);
			assertThat(cloud.journal().requests(r -> r.path().startsWith("/computeMetadata/"))).first()
					.satisfies(r -> assertThat(r.header("metadata-flavor")).hasValue("Google"));
		}
	}
}
