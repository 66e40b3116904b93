package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap.SimpleEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a journal entry reads like: the request thread records only the ingredients, and the record
 * (header map, masked credential, reason) is made when a test reads it. These pin what it reads.
 */
class JournalEntryTest extends FakeCloudTestBase {
	private static final String SUBJECT_TOKEN = "t1.subjecttokensubjecttokensubject.wxyz9876";

	/**
	 * The request thread reuses its writer, its header walk and the connection's cached header values from request to
	 * request: accounts, keys, methods and headers taking turns on one keep-alive connection each read back as their own.
	 */
	@Test
	void recurringStringsTakingTurnsReadBackAsTheirOwn() throws Exception {
		ServiceAccount other = cloud.createServiceAccount();
		List<String> auths = List.of(cloud.issueIamToken(sa).authorization(), cloud.issueIamToken(other).authorization(),
				cloud.createApiKey(sa).authorization(), cloud.createApiKey(other).authorization());
		List<ServiceAccount> owners = List.of(sa, other, sa, other);
		List<String> methods = List.of("GET", "POST", "GET", "DELETE");
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", cloud.port())) {
			socket.setSoTimeout(10_000);
			for (int i = 0; i < 24; i++) {
				String request = methods.get(i % 4) + " /compute/v1/instances HTTP/1.1\r\nHost: a\r\n" + (i % 3 == 0 ? "X-Turn: " + i + "\r\n" : "")
						+ "Authorization: " + auths.get(i % 4) + "\r\nContent-Length: 0\r\n\r\n";
				socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
				RawHttp.readResponse(socket.getInputStream());
			}
		}

		List<RecordedRequest> recorded = cloud.journal().requests();
		assertThat(recorded).hasSize(24);
		for (int i = 0; i < 24; i++) {
			RecordedRequest r = recorded.get(i);
			assertThat(r.method()).isEqualTo(methods.get(i % 4));
			assertThat(r.subjectId()).isEqualTo(owners.get(i % 4).id());
			assertThat(r.headers().keySet()).containsExactlyInAnyOrderElementsOf(i % 3 == 0 ? List.of("host", "x-turn", "authorization", "content-length")
					: List.of("host", "authorization", "content-length"));
			assertThat(r.reason()).contains(i % 4 < 2 ? "IAM token" : "API key");
		}
	}

	@Test
	void headerNamesAreLowerCaseAndCredentialsMasked() {
		IamToken token = cloud.issueIamToken(sa);

		RawHttp.send(cloud.port(), "GET", "/compute/v1/instances", List.of(
				new SimpleEntry<>("AUTHORIZATION", token.authorization()),
				new SimpleEntry<>("X-YaCloud-SubjectToken", SUBJECT_TOKEN),
				new SimpleEntry<>("Cookie", "session=abcdefghijklmnop"),
				new SimpleEntry<>("X-Custom", "Visible-Value")), null);

		Map<String, List<String>> headers = cloud.journal().last().orElseThrow().headers();
		assertThat(headers).allSatisfy((name, values) -> assertThat(name).isLowerCase());
		assertThat(headers.get("authorization")).containsExactly("Bearer " + token.secret().masked());
		assertThat(headers.get("x-yacloud-subjecttoken")).containsExactly(Secret.mask(SUBJECT_TOKEN));
		assertThat(headers.get("cookie")).containsExactly(Secret.mask("session=abcdefghijklmnop"));
		assertThat(headers.get("x-custom")).containsExactly("Visible-Value");
		assertThat(headers.toString()).doesNotContain(token.value()).doesNotContain(SUBJECT_TOKEN).doesNotContain("abcdefghijklmnop");
	}

	@Test
	void everyRefusalReadsBackTheMessageItsAnswerCarried() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE), cloud.clock().instant().plus(java.time.Duration.ofDays(1)));
		IamToken token = cloud.issueIamToken(sa);
		List<java.net.http.HttpResponse<String>> answers = new java.util.ArrayList<>();
		answers.add(http.get("/compute/v1/instances").send()); // the cloud's fixed messages, kept as a number
		answers.add(http.get("/compute/v1/instances").auth("Bearer t1.neverissued").send());
		answers.add(http.post("/workflows/v1/execution/start", "{}").auth("Api-Key AQVNneverissuedneverissued").send()); // text
		cloud.access().setDisabled(sa, true);
		answers.add(http.get("/compute/v1/instances").auth(token.authorization()).send());
		cloud.access().setDisabled(sa, false);
		cloud.clock().advance(java.time.Duration.ofDays(1));
		answers.add(http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send());

		List<RecordedRequest> recorded = cloud.journal().requests();
		assertThat(recorded).hasSize(answers.size());
		for (int i = 0; i < answers.size(); i++) {
			assertThat(recorded.get(i).outcome()).isEqualTo(Outcome.REJECTED);
			assertThat(recorded.get(i).message()).isEqualTo(Json.body(answers.get(i)).path("message").asText()).isNotEmpty();
		}
		assertThat(recorded).extracting(RecordedRequest::message).containsExactly("IAM token or API key has to be passed in request",
				"The token is invalid", recorded.get(2).message(), "Permission denied", "The apikey has expired");
		assertThat(recorded.get(2).message()).startsWith("Unknown api key '");
	}

	@Test
	void headerLookupIgnoresCaseAndKeepsRepeatedValuesInOrder() {
		RawHttp.send(cloud.port(), "GET", "/compute/v1/instances", List.of(
				new SimpleEntry<>("X-Multi", "one"), new SimpleEntry<>("x-multi", "two")), null);

		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.header("X-MULTI")).hasValue("one");
		assertThat(r.headers().get("x-multi")).containsExactly("one", "two");
		assertThat(r.header("x-absent")).isEmpty();
	}

	@Test
	void headerMapEqualsAPlainCopyWithTheSameHashAndText() {
		http.get("/compute/v1/instances").header("X-Custom", "v").send();

		Map<String, List<String>> headers = cloud.journal().last().orElseThrow().headers();
		Map<String, List<String>> copy = new LinkedHashMap<>(headers);
		assertThat(headers).isEqualTo(copy);
		assertThat(copy).isEqualTo(headers);
		assertThat(headers.hashCode()).isEqualTo(copy.hashCode());
		assertThat(headers.toString()).isEqualTo(copy.toString());
		assertThat(headers.keySet()).containsExactlyElementsOf(copy.keySet());
	}

	@Test
	void headerMapCannotBeChanged() {
		http.get("/compute/v1/instances").header("X-Custom", "v").send();

		Map<String, List<String>> headers = cloud.journal().last().orElseThrow().headers();
		assertThatThrownBy(() -> headers.put("x-new", List.of("v"))).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> headers.get("x-custom").add("w")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void headersOfEarlierRequestsOnTheSameConnectionStayTheirOwn() {
		// one client keeps its connection open: the journal must not see a later request's headers in an earlier entry
		for (int i = 1; i <= 3; i++) {
			http.get("/compute/v1/instances").header("X-Seq", Integer.toString(i)).send();
		}

		assertThat(cloud.journal().requests()).extracting(r -> r.header("x-seq").orElseThrow()).containsExactly("1", "2", "3");
	}

	@Test
	void readingTheJournalTwiceGivesTheSameRecords() {
		IamToken token = cloud.issueIamToken(sa);
		http.get("/compute/v1/instances").auth(token.authorization()).send();
		http.get("/compute/v1/instances").send();

		List<RecordedRequest> first = cloud.journal().requests();
		List<RecordedRequest> second = cloud.journal().requests();

		assertThat(second).isEqualTo(first);
		assertThat(second.get(0)).isSameAs(first.get(0));
		assertThat(cloud.journal().last()).containsSame(second.get(1));
	}

	@Test
	void acceptedReasonNamesTheCredentialTheAccountAndTheRoute() {
		IamToken token = cloud.issueIamToken(sa);
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));
		http.get("/compute/v1/instances").auth(token.authorization()).send();
		RecordedRequest byToken = cloud.journal().last().orElseThrow();
		http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send();
		RecordedRequest byKey = cloud.journal().last().orElseThrow();

		assertThat(byToken.reason()).isEqualTo("IAM token " + token.secret().masked() + " of service account '" + sa.id()
				+ "' is good for iam-token-only/api");
		assertThat(byKey.reason()).isEqualTo("API key '" + key.id() + "' (as Api-Key) of service account '" + sa.id()
				+ "' is good for serverless-workflows/execution");
		assertThat(byKey.credential()).isEqualTo(key.secret().masked());
		assertThat(byKey.describe()).isEqualTo("POST /workflows/v1/execution/start [serverless-workflows/execution] Api-Key "
				+ key.secret().masked() + " (subject " + sa.id() + ") -> 200 ACCEPTED: " + byKey.reason());
	}

	@Test
	void unknownRouteReasonNamesTheMethodPathAndHost() {
		http.get("/no/such/api?x=1").send();

		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.reason()).isEqualTo("no route of the catalog matches GET /no/such/api on host 127.0.0.1");
		assertThat(r.query()).isEqualTo("x=1");
		assertThat(r.service()).isEmpty();
		assertThat(r.resource()).isEmpty();
		assertThat(r.message()).isEmpty();
		assertThat(r.status()).isEqualTo(404);
	}

	@Test
	void entryOfAStubbedRequestCarriesTheResponderStatusAndTheAcceptReason() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.stub("GET", "/compute/v1/instances", (request, body) -> StubResponse.json(202, "{}"));

		http.get("/compute/v1/instances").auth(token.authorization()).send();

		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.status()).isEqualTo(202);
		assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(r.reason()).endsWith("is good for iam-token-only/api");
	}

	@Test
	void responderGetsTheBodyOfARouteThatDoesNotReadBodies() {
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));
		cloud.stub("POST", "/workflows/v1/execution/start", (request, body) -> StubResponse.json(200, "{\"echo\":" + body + "}"));

		String body = http.post("/workflows/v1/execution/start", "{\"workflowId\":\"dfq42\"}").auth(key.authorization()).send().body();

		assertThat(body).isEqualTo("{\"echo\":{\"workflowId\":\"dfq42\"}}");
	}

	@Test
	void refusedRequestWithABodyKeepsTheConnectionUsable() {
		// the body is not read (nothing needs it): Undertow must still drain it before the next request
		for (int i = 0; i < 3; i++) {
			assertThat(http.post("/workflows/v1/execution/start", "{\"workflowId\":\"dfq" + i + "\"}").send().statusCode()).isEqualTo(401);
		}
		assertThat(cloud.journal().requests()).extracting(RecordedRequest::status).containsExactly(401, 401, 401);
	}
}
