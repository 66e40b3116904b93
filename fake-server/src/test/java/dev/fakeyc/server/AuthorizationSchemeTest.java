package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §0 steps 1-2 and §1.1: which Authorization schemes count as a credential at all. */
class AuthorizationSchemeTest extends FakeCloudTestBase {
	private static final String NO_CREDENTIAL = "IAM token or API key has to be passed in request";

	private IamToken token;
	private ApiKey key;

	@BeforeEach
	void start() {
		token = cloud.issueIamToken(sa);
		key = cloud.createApiKey(sa);
	}

	@Test
	void requestWithoutAuthorizationIsRefusedWithTheStandardBody() {
		HttpResponse<String> r = http.get("/compute/v1/instances?folderId=b1g").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(r.body()).isEqualTo("{\"code\":16,\"message\":\"" + NO_CREDENTIAL + "\",\"details\":[{\"@type\":"
				+ "\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}");
		assertThat(r.headers().firstValue("www-authenticate")).isEmpty();
	}

	@ParameterizedTest(name = "Authorization: {0}")
	@ValueSource(strings = { "OAuth y0_AgAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ApiKey AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm",
			"Basic YXBpLWtleTpzZWNyZXQ=", "Bearer", "Api-Key", "Bearer    ", "t1.token-without-scheme", "AWS4-HMAC-SHA256 Credential=YC" })
	void unrecognizedSchemeCountsAsNoCredential(String authorization) {
		HttpResponse<String> r = http.get("/compute/v1/instances").auth(authorization).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(NO_CREDENTIAL);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(16);
	}

	@Test
	void unrecognizedSchemeIsNamedInTheJournalReason() {
		http.get("/compute/v1/instances").auth("OAuth y0_AgAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").send();

		assertThat(cloud.journal().last()).get().satisfies(rec -> {
			assertThat(rec.outcome()).isEqualTo(Outcome.REJECTED);
			assertThat(rec.reason()).contains("'OAuth' is not recognized");
			assertThat(rec.header("authorization")).hasValue("OAuth y0_A****xxxx");
		});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Bearer", "bearer", "BEARER", "bEaReR" })
	void bearerSchemeMatchesCaseInsensitively(String scheme) {
		HttpResponse<String> r = http.get("/compute/v1/instances").auth(scheme + " " + token.value()).send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Api-Key", "api-key", "API-KEY" })
	void apiKeySchemeMatchesCaseInsensitively(String scheme) {
		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").auth(scheme + " " + key.value()).send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void extraSpacesAroundTheCredentialAreTolerated() {
		HttpResponse<String> r = http.get("/compute/v1/instances").auth("Bearer    " + token.value() + "  ").send();

		assertThat(r.statusCode()).isEqualTo(200);
	}
}
