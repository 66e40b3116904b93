package dev.fakeyc.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A test replaces a route's response; the credential is still checked first. */
class StubTest extends FakeCloudTestBase {
	private IamToken token;

	@BeforeEach
	void start() {
		token = cloud.issueIamToken(cloud.createServiceAccount());
	}

	@Test
	void stubReplacesTheResponseOfAcceptedRequests() {
		cloud.stub("POST", "/foundationModels/v1/completion",
				StubResponse.builder().status(429).header("Retry-After", "3").header("Content-Type", "application/json").body("{\"busy\":true}").build());

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(429);
		assertThat(r.headers().firstValue("retry-after")).hasValue("3");
		assertThat(r.body()).isEqualTo("{\"busy\":true}");
		assertThat(r.headers().firstValue("x-request-id")).isPresent();
		assertThat(cloud.journal().last()).get().satisfies(rec -> {
			assertThat(rec.outcome()).as("the credential was good; the test's stub chose the status").isEqualTo(Outcome.ACCEPTED);
			assertThat(rec.status()).isEqualTo(429);
		});
	}

	@Test
	void stubDoesNotBypassTheCredentialCheck() {
		cloud.stub("POST", "/foundationModels/v1/completion", StubResponse.json(200, "{\"stubbed\":true}"));

		HttpResponse<String> r = http.post("/foundationModels/v1/completion", "{}").send();

		assertThat(r.statusCode()).isEqualTo(401);
	}

	@Test
	void stubPathMayHoldVariablesAndTheLastStubWins() {
		cloud.stub("GET", "/workflows/v1/execution/{id}", StubResponse.json(200, "{\"first\":true}"));
		cloud.stub("GET", "/workflows/v1/execution/{id}", StubResponse.json(200, "{\"second\":true}"));

		HttpResponse<String> r = http.get("/workflows/v1/execution/abc").auth(token.authorization()).send();

		assertThat(r.body()).isEqualTo("{\"second\":true}");
	}

	@Test
	void responderComputesTheResponseFromTheRequest() {
		cloud.stub("POST", "/translate/v2/translate", (request, body) -> StubResponse.json(200, "{\"subject\":\"" + request.subjectId() + "\",\"length\":" + body.length() + "}"));

		HttpResponse<String> r = http.post("/translate/v2/translate", "{\"texts\":[]}").auth(token.authorization()).send();

		assertThat(Json.body(r).path("length").asInt()).isEqualTo(12);
		assertThat(Json.body(r).path("subject").asText()).isEqualTo(token.subjectId());
	}

	@Test
	void responderThatThrowsGivesA500InTheStandardShape() {
		cloud.stub("POST", "/translate/v2/translate", (request, body) -> {
			throw new IllegalStateException("boom");
		});

		HttpResponse<String> r = http.post("/translate/v2/translate", "{}").auth(token.authorization()).send();

		assertThat(r.statusCode()).isEqualTo(500);
		assertThat(Json.body(r).path("code").asInt()).isEqualTo(13);
		assertThat(Json.body(r).path("message").asText()).contains("boom");
	}

	@Test
	void clearedStubsGiveTheDefaultsBack() {
		cloud.stub("*", "/compute/v1/**", StubResponse.json(503, "{}"));
		cloud.clearStubs();

		assertThat(http.get("/compute/v1/instances").auth(token.authorization()).send().statusCode()).isEqualTo(200);
	}

	@Test
	void stubResponseRejectsAnImpossibleStatus() {
		assertThatThrownBy(() -> StubResponse.builder().status(99).build())
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 100 and 599: 99");
		assertThat(Set.of(StubResponse.json(200, "{}"))).contains(StubResponse.json(200, "{}"));
	}
}
