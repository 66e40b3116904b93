package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference §9.1: SpeechKit v1 reads form bodies, does not read a JSON body sent under the form Content-Type, and
 * refuses in its own shape; generally, a catalog body field is read according to the request's Content-Type.
 */
class SpeechKitV1FormatTest extends FakeCloudTestBase {
	private static final String FORM = "application/x-www-form-urlencoded";
	private IamToken userToken;
	private String folder;

	@BeforeEach
	void user() {
		userToken = cloud.issueIamToken(cloud.createUserAccount());
		folder = sa.folderId();
	}

	@Test
	void synthesisReadsTheFolderFromAFormBody() {
		HttpResponse<String> r = http.post("/speech/v1/tts:synthesize", "text=%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82&lang=ru-RU&folderId=" + folder)
				.contentType(FORM).auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("content-type")).hasValue("audio/ogg");
	}

	/** The media type is matched in any case, past leading white space, with parameters after it. */
	@Test
	void theFormContentTypeIsRecognisedInAnyCaseAndWithParameters() {
		for (String contentType : new String[]{ "Application/X-WWW-Form-Urlencoded", " application/x-www-form-urlencoded; charset=UTF-8",
				"APPLICATION/X-WWW-FORM-URLENCODED;charset=utf-8" }) {
			HttpResponse<String> r = http.post("/speech/v1/tts:synthesize", "text=hi&lang=ru-RU&folderId=" + folder).contentType(contentType)
					.auth(userToken.authorization()).send();

			assertThat(r.statusCode()).as(contentType).isEqualTo(200);
		}
		for (String contentType : new String[]{ "application/x-www-form-urlencode", "application/json", "text/plain; application/x-www-form-urlencoded" }) {
			HttpResponse<String> r = http.post("/speech/v1/tts:synthesize", "text=hi&lang=ru-RU&folderId=" + folder).contentType(contentType)
					.auth(userToken.authorization()).send();

			assertThat(r.statusCode()).as(contentType).isEqualTo(401);
		}
	}

	@Test
	void aJsonBodyUnderTheFormContentTypeIsNotReadAndTheRefusalIsInSpeechKitsOwnShape() {
		HttpResponse<String> r = http.post("/speech/v1/tts:synthesize", "{\"text\":\"hi\",\"folderId\":\"" + folder + "\"}")
				.contentType(FORM).auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(r.headers().firstValue("x-request-id")).isPresent();
		assertThat(r.body()).isEqualTo("{\"error_code\":\"UNAUTHORIZED\","
				+ "\"error_message\":\"rpc error: code = Unauthenticated desc = You have to specify folder ID for user account\"}");
	}

	@Test
	void anUnknownTokenOnRecognitionV1IsRefusedInTheSameShape() {
		HttpResponse<String> r = http.post("/speech/v1/stt:recognize?folderId=" + folder + "&lang=ru-RU", "audio")
				.contentType("application/octet-stream").auth("Bearer t1.unknown").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.body()).isEqualTo("{\"error_code\":\"UNAUTHORIZED\",\"error_message\":\"rpc error: code = Unauthenticated desc = The token is invalid\"}");
	}

	@Test
	void aDeniedAccountGetsForbiddenWithTheGoCodeName() {
		cloud.denyPermissions(sa);
		HttpResponse<String> r = http.post("/speech/v1/tts:synthesize", "text=hi&folderId=" + folder).contentType(FORM)
				.auth(cloud.issueIamToken(sa).authorization()).send();

		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).isEqualTo("{\"error_code\":\"FORBIDDEN\",\"error_message\":\"rpc error: code = PermissionDenied desc = Permission denied\"}");
	}

	@Test
	void speechKitV3KeepsTheStandardStyle() {
		HttpResponse<String> r = http.post("/tts/v3/utteranceSynthesis", "{\"text\":\"hi\"}").auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.body()).startsWith("{\"code\":16,\"message\":\"You have to specify folder ID for user account\",\"details\":[");
	}

	@Test
	void anyServicesBodyFieldIsReadFromAFormBody() {
		HttpResponse<String> r = http.post("/translate/v2/translate", "texts=hi&targetLanguageCode=ru&folderId=" + folder).contentType(FORM)
				.auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void aFormBodyIsNotReadAsJsonElsewhereEither() {
		HttpResponse<String> r = http.post("/translate/v2/translate", "{\"texts\":[\"hi\"],\"folderId\":\"" + folder + "\"}").contentType(FORM)
				.auth(userToken.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.body()).contains("You have to specify folder ID for user account");
	}

	@Test
	void theStyleIsUsableByAnyServiceInTheCatalog() {
		try (FakeYandexCloud custom = FakeYandexCloud.builder().catalog("""
				{"services":[{"id":"legacy","errorStyle":"speechkit-v1","resources":[{"id":"r","routes":[{"method":"GET","path":"/legacy/v1/things"}]}]}]}
				""").build().start()) {
			HttpResponse<String> r = new Http(custom).get("/legacy/v1/things").send();

			assertThat(r.statusCode()).isEqualTo(401);
			assertThat(r.body()).isEqualTo("{\"error_code\":\"UNAUTHORIZED\","
					+ "\"error_message\":\"rpc error: code = Unauthenticated desc = IAM token or API key has to be passed in request\"}");
		}
	}
}
