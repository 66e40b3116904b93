package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §5: token exchange, JWTs, revocation, the API key management API, discovery, metadata. */
class CredentialEndpointsTest extends FakeCloudTestBase {
	private AuthorizedKey key;
	private long now;

	@BeforeEach
	void keys() {
		key = cloud.createAuthorizedKey(sa);
		now = cloud.clock().instant().getEpochSecond();
	}

	private HttpResponse<String> exchange(String jwt) {
		return http.post("/iam/v1/tokens", "{\"jwt\":\"" + jwt + "\"}").send();
	}

	private PrivateKey privateKey() {
		return key.privateKeyIfKnown().orElseThrow();
	}

	private String validJwt() {
		return Jwts.ps256(Jwts.header(key.id()), Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 3600), privateKey());
	}

	private void assertRefused(HttpResponse<String> r, String message) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(16);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(message);
		assertThat(Json.body(r).path("details").get(0).path("requestId").asText()).isEqualTo(Json.requestId(r));
	}

	@Test
	void serviceAccountJwtIsExchangedForAWorkingIamToken() {
		HttpResponse<String> r = exchange(validJwt());

		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		String token = Json.body(r).path("iamToken").asText();
		assertThat(token).startsWith("t1.");
		assertThat(Instant.parse(Json.body(r).path("expiresAt").asText())).isEqualTo(cloud.credentials().findIamToken(token).orElseThrow().expiresAt());
		assertThat(http.get("/compute/v1/instances").auth("Bearer " + token).send().statusCode()).isEqualTo(200);
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::subjectId).isEqualTo(sa.id());
	}

	@Test
	void aRefusedExchangeIsJournaledAsARejectionWithItsMessage() {
		exchange(Jwts.ps256(Jwts.header("YANDEX_KEY_ID"), Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 60), privateKey()));

		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.message()).isEqualTo("Key 'YANDEX_KEY_ID' was not found");
		assertThat(r.reason()).isEqualTo("the endpoint refused the request: Key 'YANDEX_KEY_ID' was not found");
	}

	@Test
	void audienceMayBeAOneElementArray() {
		String jwt = Jwts.ps256(Jwts.header(key.id()), Jwts.payload(sa.id(), new String[]{ Jwts.AUDIENCE }, now, now + 3600), privateKey());

		assertThat(exchange(jwt).statusCode()).isEqualTo(200);
	}

	@Test
	void audienceThePythonSdkDerivesFromACustomEndpointIsAccepted() {
		String aud = "https://iam.127.0.0.1:" + cloud.port() + "/iam/v1/tokens";
		String jwt = Jwts.ps256(Jwts.header(key.id()), Jwts.payload(sa.id(), aud, now, now + 3600), privateKey());

		assertThat(exchange(jwt).statusCode()).isEqualTo(200);
	}

	@Test
	void exchangeNeedsNoCredentialAndIgnoresABadOne() {
		assertThat(http.post("/iam/v1/tokens", "{\"jwt\":\"" + validJwt() + "\"}").auth("Bearer t1.garbage").send().statusCode()).isEqualTo(200);
	}

	/** Like the real IAM (reference §2.1), and so a client exchanging on every call does not pile up tokens. */
	@Test
	void repeatedExchangesGetTheSameTokenUntilItNearsExpiryOrIsRevoked() {
		String first = Json.body(exchange(validJwt())).path("iamToken").asText();
		String again = Json.body(exchange(validJwt())).path("iamToken").asText();
		cloud.clock().advance(Duration.ofHours(11).plusMinutes(1));
		now = cloud.clock().instant().getEpochSecond();
		String nearExpiry = Json.body(exchange(validJwt())).path("iamToken").asText();
		cloud.credentials().revoke(cloud.credentials().findIamToken(nearExpiry).orElseThrow());
		String afterRevoke = Json.body(exchange(validJwt())).path("iamToken").asText();

		assertThat(again).isEqualTo(first);
		assertThat(nearExpiry).startsWith("t1.").isNotEqualTo(first);
		assertThat(afterRevoke).startsWith("t1.").isNotIn(first, nearExpiry);
		assertThat(http.get("/compute/v1/instances").auth("Bearer " + afterRevoke).send().statusCode()).isEqualTo(200);
	}

	@Test
	void issuedTokensLiveTwelveHoursOnTheFakesClock() {
		String token = Json.body(exchange(validJwt())).path("iamToken").asText();

		cloud.clock().advance(Duration.ofHours(12));

		HttpResponse<String> r = http.get("/compute/v1/instances").auth("Bearer " + token).send();
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("The token is invalid");
	}

	@Test
	void jwtWithoutKidIsRefused() {
		assertRefused(exchange(Jwts.ps256("{\"typ\":\"JWT\",\"alg\":\"PS256\"}", Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 60), privateKey())),
				"The required field 'kid' is missing from the JWT header");
	}

	@Test
	void jwtWithAnUnknownKidIsRefused() {
		assertRefused(exchange(Jwts.ps256(Jwts.header("YANDEX_KEY_ID"), Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 60), privateKey())),
				"Key 'YANDEX_KEY_ID' was not found");
	}

	@Test
	void jwtSignedWithAnotherAccountsKeyIsRefused() {
		ServiceAccount other = cloud.createServiceAccount();
		AuthorizedKey otherKey = cloud.createAuthorizedKey(other);

		assertRefused(exchange(Jwts.ps256(Jwts.header(otherKey.id()), Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 60),
				otherKey.privateKeyIfKnown().orElseThrow())), "Key '" + otherKey.id() + "' was not found");
	}

	@Test
	void jwtOfAnUnknownSubjectIsRefused() {
		assertRefused(exchange(Jwts.ps256(Jwts.header(key.id()), Jwts.payload("ajenobody00000000001", Jwts.AUDIENCE, now, now + 60), privateKey())),
				"Subject 'ajenobody00000000001' was not found");
	}

	@Test
	void jwtOfADeletedAccountIsRefused() {
		String jwt = validJwt();
		cloud.credentials().delete(sa);

		assertRefused(exchange(jwt), "Subject '" + sa.id() + "' was not found");
	}

	@Test
	void onlyPs256IsAccepted() {
		assertRefused(exchange(Jwts.rs256("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + key.id() + "\"}",
				Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 60), privateKey())), "Unsupported JWT algorithm 'RS256': only PS256 is accepted");
	}

	@Test
	void jwtForAnotherAudienceIsRefused() {
		assertRefused(exchange(Jwts.ps256(Jwts.header(key.id()), Jwts.payload(sa.id(), "https://example.com/tokens", now, now + 60), privateKey())),
				"Invalid JWT audience: expected https://iam.api.cloud.yandex.net/iam/v1/tokens");
	}

	@Test
	void jwtLivingOverAnHourIsRefused() {
		assertRefused(exchange(Jwts.ps256(Jwts.header(key.id()), Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 3601), privateKey())),
				"The JWT lifetime (exp - iat) must not exceed 1 hour");
	}

	@Test
	void expiredJwtIsRefusedOnTheFakesClock() {
		String jwt = validJwt();
		cloud.clock().advance(Duration.ofHours(1));

		assertRefused(exchange(jwt), "The JWT has expired");
	}

	@Test
	void jwtWithABadSignatureIsRefused() throws Exception {
		KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
		g.initialize(2048);
		assertRefused(exchange(Jwts.ps256(Jwts.header(key.id()), Jwts.payload(sa.id(), Jwts.AUDIENCE, now, now + 60), g.generateKeyPair().getPrivate())),
				"Invalid JWT signature");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-jwt", "a.b", "e30.e30.e30.e30" })
	void malformedJwtIsRefused(String jwt) {
		HttpResponse<String> r = exchange(jwt);

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).startsWith("Invalid JWT: ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"jwt\":\"x\",\"yandexPassportOauthToken\":\"y\"}", "[]", "not json" })
	void exchangeWantsExactlyOneCredential(String body) {
		HttpResponse<String> r = http.post("/iam/v1/tokens", body).send();

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(3);
	}

	@Test
	void revokeWithoutATokenGetsTheValidationFormat() {
		HttpResponse<String> r = http.post("/iam/v1/tokens:revoke", "{}").auth(cloud.issueIamToken(sa).authorization()).send();

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(3);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("Validation failed:\n  - iam_token: Field is required");
	}

	@Test
	void exchangeWithNeitherCredentialGetsTheRealValidationMessage() {
		HttpResponse<String> r = http.post("/iam/v1/tokens", "{}").send();

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(r.body()).isEqualTo("{\"code\":3,\"message\":\"Validation failed:\\n  - identity: One of the options must be selected\",\"details\":["
				+ "{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + Json.requestId(r) + "\"}]}");
	}

	@Test
	void oauthTokenIsExchangedForTheUsersIamToken() {
		UserAccount user = cloud.createUserAccount();
		OAuthToken oauth = cloud.issueOAuthToken(user);

		HttpResponse<String> r = http.post("/iam/v1/tokens", "{\"yandexPassportOauthToken\":\"" + oauth.value() + "\"}").send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(cloud.credentials().findIamToken(Json.body(r).path("iamToken").asText())).get().extracting(IamToken::subjectId).isEqualTo(user.id());
	}

	@Test
	void unknownOrRevokedOauthTokenIsRefused() {
		OAuthToken oauth = cloud.issueOAuthToken(cloud.createUserAccount());
		cloud.credentials().revoke(oauth);

		assertRefused(http.post("/iam/v1/tokens", "{\"yandexPassportOauthToken\":\"" + oauth.value() + "\"}").send(), "OAuth token is invalid or expired");
		assertRefused(http.post("/iam/v1/tokens", "{\"yandexPassportOauthToken\":\"y0_never\"}").send(), "OAuth token is invalid or expired");
	}

	@Test
	void revokedTokenIsRefusedAndRevokeAnswersTheSubject() {
		IamToken caller = cloud.issueIamToken(sa);
		IamToken victim = cloud.issueIamToken(sa);

		HttpResponse<String> r = http.post("/iam/v1/tokens:revoke", "{\"iamToken\":\"" + victim.value() + "\"}").auth(caller.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("subjectId").asText()).isEqualTo(sa.id());
		assertThat(http.get("/compute/v1/instances").auth(victim.authorization()).send().statusCode()).isEqualTo(401);
		assertThat(http.post("/iam/v1/tokens:revoke", "{\"iamToken\":\"" + victim.value() + "\"}").send().statusCode())
				.as("revoking needs a credential").isEqualTo(401);
	}

	@Test
	void createForServiceAccountIssuesATokenForTheOtherAccount() {
		ServiceAccount target = cloud.createServiceAccount();

		HttpResponse<String> r = http.post("/iam/v1/tokens:createForServiceAccount", "{\"serviceAccountId\":\"" + target.id() + "\"}")
				.auth(cloud.issueIamToken(sa).authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(cloud.credentials().findIamToken(Json.body(r).path("iamToken").asText())).get().extracting(IamToken::subjectId).isEqualTo(target.id());
	}

	@Test
	void apiKeyManagementRoundTrip() {
		String bearer = cloud.issueIamToken(sa).authorization();

		HttpResponse<String> created = http.post("/iam/v1/apiKeys",
				"{\"description\":\"ci\",\"scopes\":[\"yc.serverless.workflows.execute\"],\"expiresAt\":\"2099-01-01T00:00:00Z\"}").auth(bearer).send();
		JsonNode apiKey = Json.body(created).path("apiKey");
		String secret = Json.body(created).path("secret").asText();
		String id = apiKey.path("id").asText();

		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		assertThat(secret).matches("AQVN[A-Za-z0-9_-]{36}");
		assertThat(apiKey.path("serviceAccountId").asText()).isEqualTo(sa.id());
		assertThat(apiKey.path("scopes").get(0).asText()).isEqualTo("yc.serverless.workflows.execute");
		assertThat(apiKey.path("maskedSecret").asText()).isEqualTo("****" + secret.substring(34));
		assertThat(apiKey.path("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
		assertThat(http.post("/workflows/v1/execution/start", "{}").auth("Api-Key " + secret).send().statusCode()).isEqualTo(200);

		HttpResponse<String> got = http.get("/iam/v1/apiKeys/" + id).auth(bearer).send();
		assertThat(Json.body(got).path("description").asText()).isEqualTo("ci");
		assertThat(got.body()).doesNotContain(secret);
		HttpResponse<String> listed = http.get("/iam/v1/apiKeys?serviceAccountId=" + sa.id()).auth(bearer).send();
		assertThat(Json.body(listed).path("apiKeys")).extracting(n -> n.path("id").asText()).containsExactly(id);
		assertThat(listed.body()).doesNotContain(secret);

		HttpResponse<String> deleted = http.delete("/iam/v1/apiKeys/" + id).auth(bearer).send();
		assertThat(Json.body(deleted).path("done").asBoolean()).isTrue();
		assertThat(Json.body(deleted).path("metadata").path("apiKeyId").asText()).isEqualTo(id);
		assertThat(http.post("/workflows/v1/execution/start", "{}").auth("Api-Key " + secret).send().statusCode()).isEqualTo(401);
		HttpResponse<String> gone = http.get("/iam/v1/apiKeys/" + id).auth(bearer).send();
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(Json.body(gone).path("code").asInt()).isEqualTo(5);
	}

	@Test
	void apiKeyManagementNeedsAnIamToken() {
		ApiKey key = cloud.createApiKey(sa);

		assertThat(http.post("/iam/v1/apiKeys", "{}").send().statusCode()).isEqualTo(401);
		assertThat(http.get("/iam/v1/apiKeys").auth(key.authorization()).send().statusCode()).isEqualTo(401);
	}

	@Test
	void unknownScopeIsRefusedAtCreation() {
		HttpResponse<String> r = http.post("/iam/v1/apiKeys", "{\"scopes\":[\"yc.monitoring.writ\"]}").auth(cloud.issueIamToken(sa).authorization()).send();

		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(Json.body(r).path("message").asText()).startsWith("scope 'yc.monitoring.writ' is unknown; known scopes: ");
	}

	@Test
	void apiKeyScopesListsTheKnownScopes() {
		HttpResponse<String> r = http.get("/iam/v1/apiKeyScopes").auth(cloud.issueIamToken(sa).authorization()).send();

		assertThat(Json.body(r).path("scopes")).extracting(JsonNode::asText).contains(Scopes.WORKFLOWS_EXECUTE, Scopes.MONITORING_READ);
		assertThat(Json.body(r).path("nextPageToken").asText()).isEmpty();
	}

	@Test
	void discoveryPointsEveryServiceAtTheFake() {
		HttpResponse<String> r = http.get("/endpoints").send();

		assertThat(r.statusCode()).isEqualTo(200);
		JsonNode endpoints = Json.body(r).path("endpoints");
		assertThat(endpoints).extracting(n -> n.path("id").asText()).contains("iam", "ai-foundation-models", "serverless-workflows", "monitoring");
		assertThat(endpoints).extracting(n -> n.path("address").asText()).containsOnly("127.0.0.1:" + cloud.port());
		assertThat(Json.body(http.get("/endpoints/iam").send()).path("address").asText()).isEqualTo("127.0.0.1:" + cloud.port());
	}

	@Test
	void metadataServesTheAttachedAccountsToken() {
		cloud.credentials().attachToMetadata(sa);

		HttpResponse<String> r = http.get("/computeMetadata/v1/instance/service-accounts/default/token").header("Metadata-Flavor", "Google").send();

		assertThat(r.statusCode()).isEqualTo(200);
		JsonNode body = Json.body(r);
		assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
		assertThat(body.path("expires_in").asLong()).isBetween(Duration.ofHours(11).toSeconds(), Duration.ofHours(12).toSeconds());
		assertThat(http.get("/compute/v1/instances").auth("Bearer " + body.path("access_token").asText()).send().statusCode()).isEqualTo(200);
	}

	@Test
	void metadataWantsTheFlavorHeader() {
		cloud.credentials().attachToMetadata(sa);

		HttpResponse<String> r = http.get("/computeMetadata/v1/instance/service-accounts/default/token").send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).doesNotContain("t1.");
	}

	@Test
	void metadataWithoutAnAttachedAccountIs404() {
		assertThat(http.get("/computeMetadata/v1/instance/service-accounts/default/token").header("Metadata-Flavor", "Google").send().statusCode())
				.isEqualTo(404);
	}

	@Test
	void keyFileIsWhatTheCliWrites() {
		JsonNode file = Json.parse(key.toKeyFile());

		assertThat(file.path("id").asText()).isEqualTo(key.id());
		assertThat(file.path("service_account_id").asText()).isEqualTo(sa.id());
		assertThat(file.path("key_algorithm").asText()).isEqualTo("RSA_2048");
		assertThat(file.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(file.path("public_key").asText()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
		assertThat(file.path("private_key").asText()).startsWith("PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <" + key.id() + ">\n-----BEGIN PRIVATE KEY-----\n")
				.endsWith("-----END PRIVATE KEY-----\n");
		assertThat(key.toString()).doesNotContain("PRIVATE KEY").contains("private key ****");
		java.util.List<String> fields = new java.util.ArrayList<>();
		file.fieldNames().forEachRemaining(fields::add);
		assertThat(fields).containsExactly("id", "service_account_id", "created_at", "key_algorithm", "public_key", "private_key");
	}
}
