package dev.fakeyc.server;

import dev.fakeyc.server.internal.decision.Credential;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal shows an {@code Authorization} header masked as sent, whatever its spelling: the usual form is kept as
 * the entry's credential and made again on read, any other form as received; both read the same.
 */
class JournalAuthorizationHeaderTest extends FakeCloudTestBase {

	@Test
	void everySpellingOfTheHeaderIsShownAsItsMask() {
		String token = cloud.issueIamToken(sa).value();
		String longWithSpace = "ab c" + "x".repeat(70) + "wxyz";
		List<String> sent = List.of("Bearer " + token, "bearer " + token, "Bearer  " + token, "BEARER\t" + token, "Bearer 12345678",
				"Bearer 123456789", "Bearer a b c d e f", "Api-Key " + "k".repeat(64), "Api-Key " + "k".repeat(65), "Bearer " + longWithSpace,
				"Api-Key short", "Basic dXNlcjpwYXNz", token);
		for (String value : sent) {
			http.get("/compute/v1/instances").auth(value).send();
			RecordedRequest recorded = cloud.journal().last().orElseThrow();

			assertThat(recorded.headers().get("authorization")).as(value).containsExactly(Credential.maskHeader(value));
		}
	}
}
