package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §0 step 3: Bearer IAM tokens, their expiry and revocation. */
class IamTokenTest extends FakeCloudTestBase {
	private static final String TOKEN_INVALID = "The token is invalid";

	@Test
	void validIamTokenIsAcceptedOnAnIamOnlyApi() {
		IamToken token = cloud.issueIamToken(sa);

		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("{}");
		assertThat(r.headers().firstValue("x-request-id")).isPresent();
		assertThat(r.headers().firstValue("x-server-trace-id")).hasValueSatisfying(
				id -> assertThat(id).matches("[0-9a-f]{16}:[0-9a-f]{16}:[0-9a-f]{16}:1"));
		assertThat(cloud.journal().last()).get().satisfies(rec -> {
			assertThat(rec.outcome()).isEqualTo(Outcome.ACCEPTED);
			assertThat(rec.subjectId()).isEqualTo(sa.id());
			assertThat(rec.service()).isEqualTo("iam-token-only");
			assertThat(rec.scheme()).isEqualTo("Bearer");
		});
	}

	@Test
	void unknownIamTokenIsRefusedAsInvalid() {
		HttpResponse<String> r = http.get("/compute/v1/instances").auth("Bearer t1.never-issued-by-this-fake").send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(16);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(TOKEN_INVALID);
	}

	@Test
	void iamTokenIsRefusedOnceTheClockPassesItsExpiry() {
		IamToken token = cloud.issueIamToken(sa, Duration.ofHours(1));
		assertThat(http.get("/vpc/v1/networks").auth(token.authorization()).send().statusCode()).isEqualTo(200);

		cloud.clock().advance(Duration.ofHours(1));
		HttpResponse<String> r = http.get("/vpc/v1/networks").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(TOKEN_INVALID);
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::reason).asString().contains("expired at");
	}

	@Test
	void defaultIamTokenLivesTwelveHours() {
		IamToken token = cloud.issueIamToken(sa);

		cloud.clock().advance(Duration.ofHours(12).minusSeconds(1));
		assertThat(http.get("/vpc/v1/networks").auth(token.authorization()).send().statusCode()).isEqualTo(200);
		cloud.clock().advance(Duration.ofSeconds(1));
		assertThat(http.get("/vpc/v1/networks").auth(token.authorization()).send().statusCode()).isEqualTo(401);
	}

	@Test
	void revokedIamTokenIsRefused() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.credentials().revoke(token);

		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(TOKEN_INVALID);
	}

	@Test
	void aTokenAcceptedJustBeforeIsRefusedOnceRevokedAndItsNearCopiesNeverPass() {
		// each thread keeps the digest of the last secret it looked up: neither a copy differing in one character, nor
		// the same token once revoked, may ride on it
		IamToken token = cloud.issueIamToken(sa);
		String auth = token.authorization();
		String lastChanged = auth.substring(0, auth.length() - 1) + (auth.endsWith("A") ? "B" : "A");
		String firstChanged = "Bearer " + (auth.charAt(7) == 'u' ? 'v' : 'u') + auth.substring(8);
		for (int i = 0; i < 4; i++) {
			assertThat(http.get("/compute/v1/instances").auth(auth).send().statusCode()).isEqualTo(200);
			for (String near : new String[]{ lastChanged, firstChanged, auth + "A", auth.substring(0, auth.length() - 1) }) {
				HttpResponse<String> r = http.get("/compute/v1/instances").auth(near).send();
				assertThat(r.statusCode()).isEqualTo(401);
				assertThat(Json.body(r).path("message").asText()).isEqualTo(TOKEN_INVALID);
			}
		}
		assertThat(http.get("/compute/v1/instances").auth(auth).send().statusCode()).isEqualTo(200);

		cloud.credentials().revoke(token);
		HttpResponse<String> r = http.get("/compute/v1/instances").auth(auth).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(TOKEN_INVALID);
	}

	/**
	 * One keep-alive connection sending a token and copies of it differing in one character, in turn: the server keeps a
	 * connection's recent header values (a line of up to 512 characters) and gives the same bytes again the same value,
	 * so each request must still be decided, and journaled, on what it sent.
	 */
	@Test
	void oneConnectionSendingATokenAndItsNearCopiesInTurnGetsEachItsOwnAnswer() throws Exception {
		String auth = cloud.issueIamToken(sa).authorization();
		String lastChanged = auth.substring(0, auth.length() - 1) + (auth.endsWith("A") ? "B" : "A");
		String middleChanged = auth.substring(0, 100) + (auth.charAt(100) == 'u' ? 'v' : 'u') + auth.substring(101);
		java.util.List<String> sent = new java.util.ArrayList<>();
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", cloud.port())) {
			socket.setSoTimeout(10_000);
			for (int i = 0; i < 3; i++) {
				for (String value : new String[]{ auth, lastChanged, auth, middleChanged, auth + "A", auth }) {
					socket.getOutputStream().write(("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nAuthorization: " + value + "\r\n\r\n")
							.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
					socket.getOutputStream().flush();
					RawHttp.Response r = RawHttp.readResponse(socket.getInputStream());
					sent.add(value);

					assertThat(r.status()).as(value).isEqualTo(value.equals(auth) ? 200 : 401);
					if (!value.equals(auth)) {
						assertThat(Json.parse(r.body()).path("message").asText()).isEqualTo(TOKEN_INVALID);
					}
				}
			}
		}
		java.util.List<RecordedRequest> recorded = cloud.journal().requests();
		assertThat(recorded).hasSize(sent.size());
		for (int i = 0; i < sent.size(); i++) {
			assertThat(recorded.get(i).headers().get("authorization")).containsExactly(dev.fakeyc.server.internal.decision.Credential.maskHeader(sent.get(i)));
			assertThat(recorded.get(i).status()).isEqualTo(sent.get(i).equals(auth) ? 200 : 401);
		}
	}

	@Test
	void tokensOfOtherCharactersAreEachTheirOwnSecret() {
		// lone surrogates, and a non-ASCII text whose chars' bytes spell an ASCII text: each value finds its own token only
		String[] values = { "t1.surrogate\uD800x", "t1.surrogate\uDBFFx", "t1.surrogate?x", "t1.\u4142C", "t1.AB\u0000C", "t1.ключ" };
		Instant expiry = cloud.clock().instant().plus(Duration.ofMinutes(5));
		for (int i = 0; i < values.length; i += 2) {
			cloud.credentials().register(new IamToken(Secret.of(values[i]), sa.id(), expiry));
		}
		for (int i = 0; i < values.length; i++) {
			String value = values[i];
			assertThat(cloud.credentials().findIamToken(value)).as("token %d", i).isEqualTo(i % 2 == 0
					? java.util.Optional.of(new IamToken(Secret.of(value), sa.id(), expiry))
					: java.util.Optional.empty());
		}
		// and a Secret's equality agrees with its hash code: the same chars, lone surrogates included
		assertThat(Secret.of(values[0])).isNotEqualTo(Secret.of(values[1])).isNotEqualTo(Secret.of(values[2]))
				.isEqualTo(Secret.of(new String(values[0].toCharArray()))).hasSameHashCodeAs(Secret.of(new String(values[0].toCharArray())));
		assertThat(Secret.of(values[0]).matches(values[1])).isFalse();
		assertThat(Secret.of(values[0]).matches(values[0])).isTrue();
	}

	@Test
	void tokenOfADeletedServiceAccountIsRefused() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.credentials().delete(sa);

		HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(Json.body(r).path("message").asText()).isEqualTo(TOKEN_INVALID);
	}

	@Test
	void registeredTokenWithAGivenValueIsAccepted() {
		cloud.credentials().register(new IamToken(Secret.of("t1.my-fixed-test-token"), sa.id(), cloud.clock().instant().plus(Duration.ofMinutes(5))));

		HttpResponse<String> r = http.get("/resource-manager/v1/clouds").auth("Bearer t1.my-fixed-test-token").send();

		assertThat(r.statusCode()).isEqualTo(200);
	}

	@Test
	void userAccountTokenIsAcceptedWhereNoFolderIsNeeded() {
		UserAccount user = cloud.createUserAccount();
		IamToken token = cloud.issueIamToken(user);

		HttpResponse<String> r = http.get("/resource-manager/v1/clouds").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::subjectId).isEqualTo(user.id());
	}
}
