package dev.fakeyc.server.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every channel a secret could leak through, scanned for whole secrets after sending them right and
 * wrong: response bodies and headers, the request log, the control API's journal, config error
 * messages. (The demo cloud prints its throwaway credentials on purpose; a config file's never are.)
 */
class SecretHygieneIT {
	private static final String TOKEN = "t1.9euelZqRmsmNnZrKmJzNlZfPiZWPyu3rnpWajpaUjJ2XkpuTzZSVnY6ek5Ll8_dISecretTokenValue";
	private static final String KEY = "AQVNsecretKeyValueThatMustNeverLeak12345";
	private static final String OAUTH = "y0_secretOauthTokenValueThatMustNeverLeak";
	private static final List<String> SECRETS = List.of(TOKEN, KEY, OAUTH);

	@Test
	void noWholeSecretReachesAnyOutputChannel(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), """
				{ "serviceAccounts": [ { "id": "ajesa0000000000000001", "folderId": "b1gfolder00000000001" } ],
				  "userAccounts": [ { "id": "ajeuser00000000000001" } ],
				  "iamTokens": [ { "token": "%s", "subjectId": "ajesa0000000000000001" } ],
				  "apiKeys": [ { "id": "ajekey00000000000001", "secret": "%s", "serviceAccountId": "ajesa0000000000000001" } ],
				  "oauthTokens": [ { "token": "%s", "subjectId": "ajeuser00000000000001" } ] }
				""".formatted(TOKEN, KEY, OAUTH));
		List<String> channels = new ArrayList<>();
		HttpClient http = HttpClient.newHttpClient();
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString())) {
			URI url = jar.awaitListening();
			String[][] attempts = { { "GET", "/compute/v1/instances", "Bearer " + TOKEN }, { "GET", "/compute/v1/instances", "Api-Key " + TOKEN },
					{ "GET", "/compute/v1/instances", "Api-Key " + KEY }, { "POST", "/workflows/v1/execution/start", "Bearer " + KEY },
					{ "POST", "/foundationModels/v1/completion", "Api-Key " + KEY }, { "GET", "/compute/v1/instances", "OAuth " + OAUTH },
					{ "GET", "/compute/v1/instances", "Bearer " + TOKEN + "x" }, { "GET", "/no/such/route", "Bearer " + TOKEN },
					// the commonest client bug, a forgotten scheme: the value alone, or the value where the scheme goes
					{ "GET", "/compute/v1/instances", TOKEN }, { "GET", "/compute/v1/instances", TOKEN + " trailing" },
					{ "POST", "/foundationModels/v1/completion", KEY } };
			for (String[] a : attempts) {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve(a[1])).header("Authorization", a[2]).timeout(Duration.ofSeconds(10))
						.method(a[0], HttpRequest.BodyPublishers.ofString(a[0].equals("POST") ? "{}" : "")).build(), HttpResponse.BodyHandlers.ofString());
				channels.add(r.headers().map() + " " + r.body());
			}
			HttpResponse<String> exchange = http.send(HttpRequest.newBuilder(url.resolve("/iam/v1/tokens"))
					.POST(HttpRequest.BodyPublishers.ofString("{\"yandexPassportOauthToken\":\"" + OAUTH + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(exchange.statusCode()).isEqualTo(200);
			HttpResponse<String> badCredentials = http.send(HttpRequest.newBuilder(url.resolve("/_fakeyc/credentials"))
					.POST(HttpRequest.BodyPublishers.ofString("{\"iamTokens\":[{\"token\":\"" + TOKEN + "\",\"subjectId\":\"ajenobody\"}]}")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(badCredentials.statusCode()).isEqualTo(400);
			channels.add(badCredentials.body());
			channels.add(http.send(HttpRequest.newBuilder(url.resolve("/_fakeyc/journal")).build(), HttpResponse.BodyHandlers.ofString()).body());
			await().atMost(Duration.ofSeconds(5)).until(() -> jar.err.size() >= attempts.length + 1);
			channels.addAll(jar.err);
			channels.addAll(jar.out);
		}
		Path badConfig = Files.writeString(dir.resolve("bad.json"), "{\"iamTokens\":[{\"token\":\"" + TOKEN + "\",\"subjectId\":\"ajenobody\"}]}");
		try (Standalone jar = Standalone.start("--config", badConfig.toString())) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			channels.addAll(jar.err);
		}

		assertThat(channels).hasSizeGreaterThan(15);
		for (String secret : SECRETS) {
			assertThat(channels).as("output channels").noneMatch(c -> c.contains(secret));
		}
		assertThat(String.join("\n", channels)).contains("t1.9****alue", "AQVN****2345");
	}
}
