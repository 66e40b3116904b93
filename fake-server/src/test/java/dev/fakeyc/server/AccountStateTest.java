package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, account state: terms not accepted (§9.2), a disabled service account, per-model access on request (§9.3), the EC2 metadata path (§9.4). */
class AccountStateTest extends FakeCloudTestBase {
	private static String standard(HttpResponse<String> r, int code, String message) {
		return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\""
				+ Json.requestId(r) + "\"}]}";
	}

	@Test
	void aUserWhoHasNotAcceptedTheTermsGetsNoIamToken() {
		UserAccount user = cloud.createUserAccount();
		OAuthToken oauth = cloud.issueOAuthToken(user);
		cloud.access().setTermsAccepted(user, false);

		HttpResponse<String> r = http.post("/iam/v1/tokens", "{\"yandexPassportOauthToken\":\"" + oauth.value() + "\"}").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.body()).isEqualTo(standard(r, 16, "User has to accept the End User License Agreement and Privacy Policy to get an IAM token"));
	}

	@Test
	void oneWhoAcceptsThemGetsItAgain() {
		UserAccount user = cloud.createUserAccount();
		OAuthToken oauth = cloud.issueOAuthToken(user);
		cloud.access().setTermsAccepted(user, false);
		cloud.access().setTermsAccepted(user, true);

		HttpResponse<String> r = http.post("/iam/v1/tokens", "{\"yandexPassportOauthToken\":\"" + oauth.value() + "\"}").send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(Json.body(r).path("iamToken").asText()).startsWith("t1.");
	}

	@Test
	void aDisabledServiceAccountIsRefusedEverywhereUntilEnabled() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.access().setDisabled(sa, true);

		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo(standard(r, 7, "Permission denied"));
		assertThat(cloud.journal().last().orElseThrow().reason()).isEqualTo("service account '" + sa.id() + "' is disabled (the test disabled it)");
		cloud.access().setDisabled(sa, false);
		assertThat(http.get("/compute/v1/instances").auth(token.authorization()).send().statusCode()).isEqualTo(200);
	}

	@Test
	void aModelGrantedOnRequestIsRefusedPerModelUntilTheFolderIsGranted() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.access().requireModelAccessGrant("art://yandex-art/latest");
		String body = "{\"modelUri\":\"art://" + sa.folderId() + "/yandex-art/latest\"}";

		HttpResponse<String> r = http.post("/foundationModels/v1/imageGenerationAsync", body).auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(Json.body(r).path("error").path("message").asText()).isEqualTo("Access to model art://yandex-art/latest denied");
		assertThat(cloud.accessReport().account(sa.id()).refused()).as("no role would have allowed it").isEmpty();
		cloud.access().grantModelAccess(sa.folderId(), "art://yandex-art/latest");
		assertThat(http.post("/foundationModels/v1/imageGenerationAsync", body).auth(token.authorization()).send().statusCode()).isEqualTo(200);
	}

	@Test
	void theEc2MetadataPathIsRefusedWithTheVmId() {
		HttpResponse<String> r = http.get("/latest/meta-data/iam/security-credentials/default").send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).matches("Token is disabled for fhm[a-v0-9]{17}");
		assertThat(r.headers().firstValue("content-type")).contains("text/plain");
	}
}
