package dev.fakeyc.server.internal.decision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Internal records that hold a credential print it masked, so a log line or an assertion message never leaks it. */
class SecretRecordsTest {
	private static final String KEY = "AQVNsecretsecretsecretsecretsecret1234";

	@Test
	void requestFactsMaskTheAuthorizationValue() {
		String shown = new RequestFacts("Api-Key " + KEY, "b1gfolder", "").toString();

		assertThat(shown).doesNotContain(KEY).contains("Api-Key AQVN****1234").contains("b1gfolder");
	}

	@Test
	void requestFactsMaskAHeaderWithoutScheme() {
		assertThat(new RequestFacts(KEY, "", "").toString()).doesNotContain(KEY).contains("AQVN****1234");
		assertThat(new RequestFacts(null, "", "").toString()).contains("authorization=none");
	}

	@Test
	void aCredentialPrintsItsValueMasked() {
		String shown = new Credential(Credential.Scheme.API_KEY, "Api-Key", KEY).toString();

		assertThat(shown).doesNotContain(KEY).contains("AQVN****1234");
	}

	@Test
	void anAcceptanceAndTheVerdictHoldingItPrintTheCredentialMasked() {
		Credential credential = new Credential(Credential.Scheme.API_KEY, "Api-Key", KEY);
		Acceptance acceptance = new Acceptance(Acceptance.Form.API_KEY, "ajekey", dev.fakeyc.server.Subject.Kind.SERVICE_ACCOUNT, "ajesa", null,
				credential);

		assertThat(acceptance.toString()).doesNotContain(KEY).contains("AQVN****1234");
		assertThat(Verdict.accept(acceptance, "ajesa", "b1gfolder").toString()).doesNotContain(KEY).contains("AQVN****1234");
	}
}
