package dev.fakeyc.bench;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.UserAccount;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prints what the fake answers and journals for a fixed set of requests, with fixed credentials and
 * request ids blanked, so two builds can be diffed: the check that a hot-path change kept behaviour.
 * {@code GoldenMain > before.txt; (change, rebuild); GoldenMain > after.txt; diff before.txt after.txt}
 */
public final class GoldenMain {
	private GoldenMain() {
	}

	public static void main(String[] args) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		try (FakeYandexCloud cloud = FakeYandexCloud.create().start()) {
			ServiceAccount sa = cloud.credentials().register(new ServiceAccount("ajegoldensa000000001", "b1ggoldenfolder00001"));
			UserAccount user = cloud.credentials().register(new UserAccount("ajegoldenuser0000001"));
			IamToken token = cloud.credentials().register(new IamToken(Secret.of("t1.goldentokengoldentokengoldentoken.abcdEFGH"), sa.id(), Instant.parse("2099-01-01T00:00:00Z")));
			IamToken expired = cloud.credentials().register(new IamToken(Secret.of("t1.expiredtokenexpiredtokenexpired.abcdEFGH"), sa.id(), Instant.parse("2001-01-01T00:00:00Z")));
			IamToken userToken = cloud.credentials().register(new IamToken(Secret.of("t1.usertokenusertokenusertoken.abcdEFGH"), user.id(), Instant.parse("2099-01-01T00:00:00Z")));
			ApiKey wf = cloud.credentials().register(new ApiKey("ajegoldenkey00000001", Secret.of("AQVNgoldenkeygoldenkeygoldenkeygolden01"), sa.id(), Set.of(Scopes.WORKFLOWS_EXECUTE), Optional.empty()));
			ApiKey dflt = cloud.credentials().register(new ApiKey("ajegoldenkey00000002", Secret.of("AQVNgoldenkeygoldenkeygoldenkeygolden02"), sa.id(), Set.of(), Optional.empty()));
			String[][] requests = {
					{ "GET", "/compute/v1/instances", token.authorization(), null, null },
					{ "GET", "/compute/v1/instances", null, null, null },
					{ "GET", "/compute/v1/instances", "OAuth y0_abc", null, null },
					{ "GET", "/compute/v1/instances", "Bearer ", null, null },
					{ "GET", "/compute/v1/instances", expired.authorization(), null, null },
					{ "GET", "/compute/v1/instances", "Bearer t1.unknownunknownunknown", null, null },
					{ "GET", "/compute/v1/instances", wf.authorization(), null, null },
					{ "GET", "/compute/v1/instances", "Api-Key AQVNunknownunknownunknownunknownunkn", null, null },
					{ "GET", "/compute/v1/instances?pageSize=1", userToken.authorization(), null, "x-forwarded-for: 1.2.3.4" },
					{ "POST", "/workflows/v1/execution/start", wf.authorization(), "{\"workflowId\":\"dfq01\"}", null },
					{ "POST", "/workflows/v1/execution/start", dflt.authorization(), "{\"workflowId\":\"dfq01\"}", null },
					{ "POST", "/workflows/v1/execution/start", "Api-Key AQVNshort", "{}", null },
					{ "POST", "/workflows/v1/execution/start", "Api-Key short", "{}", null },
					{ "POST", "/workflows/v1/execution/start", token.authorization(), "{}", null },
					{ "POST", "/workflows/v1/workflow/create", wf.authorization(), "{}", null },
					{ "POST", "/foundationModels/v1/completion", dflt.authorization(), "{\"modelUri\":\"gpt://b1gother/yandexgpt\"}", null },
					{ "POST", "/foundationModels/v1/completion", dflt.authorization(), "{\"modelUri\":\"gpt://b1ggoldenfolder00001/yandexgpt\"}", null },
					{ "POST", "/foundationModels/v1/completion", userToken.authorization(), "{\"modelUri\":\"gpt://b1gx/yandexgpt\"}", null },
					{ "POST", "/foundationModels/v1/completion", userToken.authorization(), "{}", "x-folder-id: b1guserfolder" },
					{ "POST", "/foundationModels/v1/completion", "Bearer AQVNunknownunknownunknownunknownunkn", "{}", null },
					{ "GET", "/nothing/here", token.authorization(), null, null },
					{ "GET", "/llm.api.cloud.yandex.net/foundationModels/v1/models", token.authorization(), null, null },
					{ "GET", "/compute/v1/instances", token.authorization(), null, "Host: compute.api.cloud.yandex.net" },
					{ "GET", "/compute/v1/instances", token.authorization(), null, "Host: llm.api.cloud.yandex.net" },
					{ "GET", "/foundationModels/v1/models", token.authorization(), null, "Host: ai.api.cloud.yandex.net:443" },
					{ "POST", "/monitoring/v2/data/write", wf.authorization(), "{}", null },
					{ "GET", "/prometheus/workspaces/x/api/v1/query", "Bearer nope", null, null },
					// the fake's own endpoints: their refusals are journaled as rejections (issue 14 made them typed)
					{ "POST", "/iam/v1/tokens", null, "{}", null },
					{ "POST", "/iam/v1/tokens", null, "not json", null },
					{ "POST", "/iam/v1/tokens", null, "{\"yandexPassportOauthToken\":\"y0_unknownunknownunknown\"}", null },
					{ "POST", "/iam/v1/tokens:revoke", token.authorization(), "{\"iamToken\":\"t1.nopenopenope\"}", null },
					{ "POST", "/iam/v1/tokens:createForServiceAccount", token.authorization(), "{\"serviceAccountId\":\"ajenope\"}", null },
					{ "GET", "/iam/v1/apiKeys/ajenopenope", token.authorization(), null, null },
					{ "POST", "/iam/v1/apiKeys", token.authorization(), "{\"serviceAccountId\":\"ajenope\"}", null },
					{ "GET", "/computeMetadata/v1/instance/service-accounts/default/token", null, null, null },
					{ "GET", "/computeMetadata/v1/instance/service-accounts/default/token", null, null, "Metadata-Flavor: Google" },
			};
			for (String[] r : requests) {
				send(client, cloud, r);
			}
			// a test's responder: it gets the body (read late, as the route alone needs none) and the record
			cloud.stub("POST", "/workflows/v1/execution/start", (req, body) -> StubResponse.json(201,
					"{\"bodyLength\":" + body.length() + ",\"reasonLength\":" + req.reason().length() + "}"));
			send(client, cloud, new String[] { "POST", "/workflows/v1/execution/start", wf.authorization(), "{\"workflowId\":\"dfq01\"}", null });
			send(client, cloud, new String[] { "POST", "/workflows/v1/execution/start", wf.authorization(), "CHUNKED:{\"workflowId\":\"dfq02\"}", null });
			cloud.stub("GET", "/compute/v1/instances/{id}", (req, body) -> {
				throw new IllegalStateException("boom");
			});
			send(client, cloud, new String[] { "GET", "/compute/v1/instances/i1", token.authorization(), null, null });
			cloud.clearStubs();
			send(client, cloud, new String[] { "POST", "/foundationModels/v1/completion", dflt.authorization(),
					"CHUNKED:{\"modelUri\":\"gpt://b1ggoldenfolder00001/yandexgpt\"}", null });
			send(client, cloud, new String[] { "POST", "/nothing/here", token.authorization(), "{\"a\":1}", null });
			cloud.denyPermissions(sa);
			send(client, cloud, new String[] { "GET", "/compute/v1/instances", token.authorization(), null, null });
		}
	}

	private static void send(HttpClient client, FakeYandexCloud cloud, String[] r) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.baseUrl() + r[1])).timeout(Duration.ofSeconds(5))
				.method(r[0], r[3] == null ? HttpRequest.BodyPublishers.noBody()
						: r[3].startsWith("CHUNKED:") // no length known up front: sent chunked
								? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(r[3].substring(8).getBytes()))
								: HttpRequest.BodyPublishers.ofString(r[3]));
		if (r[2] != null) {
			b.header("Authorization", r[2]);
		}
		if (r[4] != null) {
			String[] h = r[4].split(": ", 2);
			if (!h[0].equals("Host")) {
				b.header(h[0], h[1]);
			}
		}
		HttpRequest request = b.build();
		HttpResponse<String> response;
		if (r[4] != null && r[4].startsWith("Host")) {
			response = RawHttp.send(cloud.port(), r[0], r[1], r[4].substring(6), r[2]);
		} else {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		String id = response.headers().firstValue("x-request-id").orElse("-");
		RecordedRequest rec = cloud.journal().last().orElseThrow();
		System.out.println("== " + r[0] + " " + r[1] + " auth=" + (r[2] == null ? "-" : Secret.mask(r[2])) + " extra=" + r[4]);
		System.out.println(response.statusCode() + " " + new TreeMap<>(response.headers().map()).keySet().stream()
				.filter(k -> !k.equals("date")).toList() + " " + response.body().replace(id, "<id>")
				.replaceAll("\"(executionId|id)\":\"[a-z0-9]{20}\"", "\"$1\":\"<gen>\"").replaceAll("20[0-9]{2}-[0-9-]{5}T[0-9:.]+Z", "<now>"));
		System.out.println("journal: " + rec.method() + " " + rec.path() + " q=" + rec.query() + " host=" + rec.host() + " headers="
				+ new TreeMap<>(rec.headers()).toString().replaceAll("Java-http-client/[0-9.]+", "jhc") + " h.auth=" + rec.header("AUTHORIZATION")
				+ " scheme=" + rec.scheme() + " cred=" + rec.credential() + " subj=" + rec.subjectId() + " folder=" + rec.folderId() + " "
				+ rec.service() + "/" + rec.resource() + " " + rec.outcome() + " " + rec.status() + " msg=" + rec.message() + " reason="
				+ rec.reason().replaceAll("20[0-9]{2}-[0-9-]{5}T[0-9:.]+Z", "<now>") + " id=" + rec.requestId().equals(id)
				+ " describe=" + rec.describe().replaceAll("20[0-9]{2}-[0-9-]{5}T[0-9:.]+Z", "<now>") + " eqself=" + rec.equals(rec)
				+ " hash=" + (rec.headers().hashCode() == new TreeMap<>(rec.headers()).hashCode()));
	}
}
