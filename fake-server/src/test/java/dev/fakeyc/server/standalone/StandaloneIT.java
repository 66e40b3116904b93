package dev.fakeyc.server.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real jar as a process: the startup line, the demo cloud, config files and their errors, --watch, the control API, SIGTERM. */
class StandaloneIT {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String SA = "ajesa0000000000000001";
	private static final String KEY = "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm";
	private static final String GOOD = """
			{
			  "serviceAccounts": [ { "id": "ajesa0000000000000001", "folderId": "b1gfolder00000000001" } ],
			  "userAccounts":    [ { "id": "ajeuser00000000000001" } ],
			  "iamTokens": [ { "token": "t1.sa-token", "subjectId": "ajesa0000000000000001", "expiresAt": "2099-01-01T00:00:00Z" } ],
			  "apiKeys": [ { "id": "ajekey00000000000001", "secret": "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm",
			                 "serviceAccountId": "ajesa0000000000000001", "scopes": ["yc.serverless.workflows.execute"], "expiresAt": null } ],
			  "oauthTokens": [ { "token": "y0_user-oauth-token", "subjectId": "ajeuser00000000000001" } ]
			}
			""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private HttpResponse<String> send(String method, URI base, String path, String authorization, String body) throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String value(String line) {
		return line.trim().split("\\s+")[3];
	}

	@Test
	void demoCloudPrintsTheStartupLineAndCredentialsThatWork() throws Exception {
		try (Standalone jar = Standalone.start("--port", "0")) {
			URI url = jar.awaitListening();
			await().atMost(Duration.ofSeconds(5)).until(() -> jar.out.stream().anyMatch(l -> l.contains("/_fakeyc/journal")));

			assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
			String defaultKey = value(jar.line("(id ").replace("API key", "API key x"));
			String workflowsKey = jar.out.stream().filter(l -> l.contains("yc.serverless.workflows.execute)")).findFirst().map(l -> l.trim().split("\\s+")[2]).orElseThrow();
			String saToken = jar.line("IAM token (SA)").trim().split("\\s+")[3];

			HttpResponse<String> completion = send("POST", url, "/foundationModels/v1/completion", "Api-Key " + defaultKey, "{}");
			HttpResponse<String> start = send("POST", url, "/workflows/v1/execution/start", "Api-Key " + workflowsKey, "{}");
			HttpResponse<String> workflow = send("GET", url, "/workflows/v1/workflow/dfq0", "Api-Key " + workflowsKey, null);
			HttpResponse<String> compute = send("GET", url, "/compute/v1/instances", "Bearer " + saToken, null);

			assertThat(completion.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(completion.body()).path("result").path("alternatives").isArray()).isTrue();
			assertThat(start.statusCode()).isEqualTo(200);
			assertThat(workflow.statusCode()).isEqualTo(401);
			assertThat(JSON.readTree(workflow.body()).path("message").asText()).startsWith("Unknown api key 'AQVN****");
			assertThat(workflow.headers().firstValue("x-request-id")).isPresent();
			assertThat(compute.statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(5)).until(() -> jar.err.stream().anyMatch(l -> l.startsWith("GET /workflows/v1/workflow/dfq0 401 REJECTED Api-Key AQVN****")));
			assertThat(String.join("\n", jar.err)).doesNotContain(workflowsKey).doesNotContain(saToken);
			// the libraries' INFO greetings (XNIO's and JBoss Threads' versions) stay quiet: stderr has request lines only,
			// now that the logging is set up on the preload thread
			assertThat(jar.err).isNotEmpty().allMatch(l -> l.matches("[A-Z]+ /\\S* \\d{3} [A-Z_]+ .*"));
		}
	}

	@Test
	void configFileCredentialsWork(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), GOOD);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--quiet")) {
			URI url = jar.awaitListening();

			assertThat(send("POST", url, "/workflows/v1/execution/start", "Api-Key " + KEY, "{}").statusCode()).isEqualTo(200);
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.sa-token", null).statusCode()).isEqualTo(200);
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.other", null).statusCode()).isEqualTo(401);
			assertThat(jar.err).isEmpty();
		}
	}

	@Test
	void configScriptsAStreamThatBreaksOff(@TempDir Path dir) throws Exception {
		String services = """
				, "services": [ { "id": "openai-compatible", "errorStyle": "ai",
				    "folder": { "rule": "ai", "from": ["header:x-folder-id"], "uris": ["uri:model"] },
				    "resources": [ { "id": "openai", "routes": [ { "method": "POST", "path": "/v1/chat/completions",
				      "response": { "stream": { "format": "openai-chat", "when": "body:stream",
				        "chunks": [ { "text": "Hel" }, { "text": "lo" }, { "finishReason": "stop" } ], "pause": "PT0.01S", "breakOffAfter": 1 } } } ] } ] } ]
				}
				""";
		Path config = Files.writeString(dir.resolve("cloud.json"), GOOD.strip().substring(0, GOOD.strip().length() - 1) + services);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--quiet")) {
			URI url = jar.awaitListening();

			IOException cut = org.assertj.core.api.Assertions.catchThrowableOfType(IOException.class, () -> send("POST", url, "/v1/chat/completions",
					"Bearer t1.sa-token", "{\"model\":\"gpt://b1gfolder00000000001/yandexgpt\",\"stream\":true}"));
			assertThat(cut).as("the stream broke off after its first chunk").isNotNull();
			HttpResponse<String> plain = send("POST", url, "/v1/chat/completions", "Bearer t1.sa-token", "{\"model\":\"gpt://b1gfolder00000000001/yandexgpt\"}");
			assertThat(plain.statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"bad JSON | {\"serviceAccounts\": [ | $: not valid JSON",
			"unknown field | {\"serviceAcounts\": []} | $.serviceAcounts: unknown field; allowed here: access, apiKeys, authorizedKeys, iamTokens, oauthTokens, serviceAccounts, services, userAccounts",
			"unknown subject | {\"iamTokens\": [{\"token\":\"t1.x\",\"subjectId\":\"ajenobody\"}]} | $.iamTokens[0]: IAM token **** names subject 'ajenobody', which is not registered",
			"bad date | {\"serviceAccounts\":[{\"id\":\"ajesa1\",\"folderId\":\"b1g1\"}],\"iamTokens\": [{\"token\":\"t1.x\",\"subjectId\":\"ajesa1\",\"expiresAt\":\"tomorrow\"}]} | $.iamTokens[0].expiresAt: '****' is not an RFC 3339 date-time",
			"unknown scope | {\"serviceAccounts\":[{\"id\":\"ajesa1\",\"folderId\":\"b1g1\"}],\"apiKeys\":[{\"id\":\"ajek1\",\"secret\":\"AQVNabcdefghijklmnopqrstuvwxyz0123456789\",\"serviceAccountId\":\"ajesa1\",\"scopes\":[\"yc.monitoring.writ\"]}]} | $.apiKeys[0]: scope 'yc.monitoring.writ' is unknown; known scopes:",
			"bad service | {\"services\":[{\"id\":\"x\",\"resources\":[{\"id\":\"r\",\"apiKey\":true,\"routes\":[{\"path\":\"/x\"}]}]}]} | $.services[0].resources[0].scopes: resource 'r' accepts API keys but names no scope",
			"bad stream chunk | {\"services\":[{\"id\":\"x\",\"resources\":[{\"id\":\"r\",\"routes\":[{\"path\":\"/x\",\"response\":{\"stream\":{\"format\":\"openai-chat\",\"when\":\"body:stream\",\"chunks\":[{\"txt\":\"a\"}]}}}]}]}]} | $.services[0].resources[0].routes[0].response.stream.chunks[0].txt: unknown field; allowed here: finishReason, text, toolCall, usage" })
	void badConfigExitsWithCode2NamingTheFileThePathAndTheProblem(String name, String content, String expected, @TempDir Path dir) throws IOException {
		Path config = Files.writeString(dir.resolve("cloud.json"), content);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString())) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).startsWith("fakeyc: " + config + ": " + expected);
			assertThat(jar.out).noneMatch(l -> l.contains("listening on"));
		}
	}

	@Test
	void missingConfigFileExitsWithCode2() {
		try (Standalone jar = Standalone.start("--config", "/no/such/cloud.json")) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).isEqualTo("fakeyc: /no/such/cloud.json: no such file; check the --config path");
		}
	}

	@Test
	void unknownOptionExitsWithCode2AndHelpListsEveryOptionWithItsDefault() {
		try (Standalone bad = Standalone.start("--prot", "8080"); Standalone help = Standalone.start("--help")) {
			assertThat(bad.awaitExit()).isEqualTo(2);
			assertThat(help.awaitExit()).isZero();
			await().atMost(Duration.ofSeconds(5)).until(() -> !bad.err.isEmpty() && help.out.size() > 5);
			assertThat(bad.err.get(0)).isEqualTo("fakeyc: Unknown options: '--prot', '8080'");
			assertThat(String.join("\n", help.out)).contains("--host=ADDRESS", "(default: 127.0.0.1)", "--port=PORT", "(default: 8080)",
					"--config=FILE", "--watch", "--quiet", "--allow-remote-control", "--help", "--version");
		}
	}

	@Test
	void anEmptyHostExitsWithCode2SayingWhatToGive() {
		try (Standalone jar = Standalone.start("--host=", "--port", "0")) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).isEqualTo("fakeyc: --host must be an address to listen on, such as 127.0.0.1 or 0.0.0.0; it was empty or blank");
			assertThat(jar.out).noneMatch(l -> l.contains("listening on"));
		}
	}

	@Test
	void portInUseExitsWithCode1() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Standalone jar = Standalone.start("--port", Integer.toString(taken.getLocalPort()))) {
			assertThat(jar.awaitExit()).isEqualTo(1);
			assertThat(jar.err.get(0)).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).endsWith("choose another --port, or 0 for a free one");
		}
	}

	@Test
	void watchReloadsTheConfigAndKeepsTheLastGoodOneOnABadEdit(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), GOOD);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--watch", "--quiet")) {
			URI url = jar.awaitListening();
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.second-token", null).statusCode()).isEqualTo(401);

			Files.writeString(config, GOOD.replace("\"t1.sa-token\"", "\"t1.second-token\""));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.second-token", null).statusCode()).isEqualTo(200));
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.sa-token", null).statusCode()).isEqualTo(401);

			Files.writeString(config, "{ not json");
			await().atMost(Duration.ofSeconds(10)).until(() -> jar.err.stream().anyMatch(l -> l.contains("keeping the last good config")));
			assertThat(jar.err).anyMatch(l -> l.startsWith("fakeyc: " + config + ": $: not valid JSON"));
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.second-token", null).statusCode()).isEqualTo(200);
			assertThat(url.getPort()).isEqualTo(jar.awaitListening().getPort());
		}
	}

	@Test
	void controlApiAddsCredentialsResetsAndShowsTheJournal(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), GOOD);
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--quiet")) {
			URI url = jar.awaitListening();
			String added = "{\"iamTokens\":[{\"token\":\"t1.added-token\",\"subjectId\":\"" + SA + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}]}";

			assertThat(send("GET", url, "/_fakeyc/health", null, null).body()).startsWith("{\"status\":\"ok\"");
			assertThat(send("POST", url, "/_fakeyc/credentials", null, added).statusCode()).isEqualTo(200);
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.added-token", null).statusCode()).isEqualTo(200);

			HttpResponse<String> bad = send("POST", url, "/_fakeyc/credentials", null,
					"{\"serviceAccounts\":[{\"id\":\"ajenew\",\"folderId\":\"b1g2\"}],\"iamTokens\":[{\"token\":\"t1.orphan\",\"subjectId\":\"ajenobody\"}]}");
			assertThat(bad.statusCode()).isEqualTo(400);
			assertThat(JSON.readTree(bad.body()).path("message").asText()).startsWith("$.iamTokens[0]: IAM token t1.o****phan names subject 'ajenobody'");
			assertThat(send("POST", url, "/_fakeyc/credentials", null, "{\"iamTokens\":[{\"token\":\"t1.new\",\"subjectId\":\"ajenew\"}]}").statusCode())
					.as("the refused document registered nothing, not even its valid first half").isEqualTo(400);

			JsonNode journal = JSON.readTree(send("GET", url, "/_fakeyc/journal", null, null).body()).path("requests");
			assertThat(journal).hasSize(1);
			assertThat(journal.get(0).path("credential").asText()).isEqualTo("t1.a****oken");
			assertThat(journal.get(0).path("outcome").asText()).isEqualTo("ACCEPTED");

			assertThat(send("PUT", url, "/_fakeyc/metadata", null, "{\"serviceAccountId\":\"" + SA + "\"}").statusCode()).isEqualTo(200);
			HttpRequest metadata = HttpRequest.newBuilder(url.resolve("/computeMetadata/v1/instance/service-accounts/default/token"))
					.header("Metadata-Flavor", "Google").build();
			assertThat(http.send(metadata, HttpResponse.BodyHandlers.ofString()).body()).contains("\"token_type\":\"Bearer\"");
			assertThat(send("PUT", url, "/_fakeyc/metadata", null, "{\"serviceAccountId\":\"ajenobody\"}").statusCode()).isEqualTo(400);

			assertThat(send("POST", url, "/_fakeyc/reset", null, null).statusCode()).isEqualTo(200);
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.added-token", null).statusCode()).as("added at runtime: gone").isEqualTo(401);
			assertThat(send("GET", url, "/compute/v1/instances", "Bearer t1.sa-token", null).statusCode()).as("from the config file: back").isEqualTo(200);
			assertThat(send("DELETE", url, "/_fakeyc/journal", null, null).statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(send("GET", url, "/_fakeyc/journal", null, null).body()).path("requests")).isEmpty();
		}
	}

	@Test
	void controlApiRefusesClientsThatAreNotOnLoopback() throws Exception {
		Optional<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
				.flatMap(i -> Collections.list(i.getInetAddresses()).stream())
				.filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
		assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to call the fake from");
		try (Standalone jar = Standalone.start("--host", "0.0.0.0", "--port", "0", "--quiet")) {
			int port = jar.awaitListening().getPort();
			URI external = URI.create("http://" + own.get().getHostAddress() + ":" + port);

			HttpResponse<String> refused = send("GET", external, "/_fakeyc/journal", null, null);
			HttpResponse<String> allowed = send("GET", URI.create("http://127.0.0.1:" + port), "/_fakeyc/health", null, null);

			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(JSON.readTree(refused.body()).path("message").asText())
					.isEqualTo("the control API answers loopback clients only; start fakeyc with --allow-remote-control to open it to others");
			assertThat(allowed.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void sigtermLetsARequestInFlightFinish() throws Exception {
		try (Standalone jar = Standalone.start("--port", "0", "--quiet")) {
			int port = jar.awaitListening().getPort();
			String body = "{\"workflowId\":\"dfq00000000000000001\"}";
			try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(20_000);
				java.io.OutputStream out = socket.getOutputStream();
				out.write(("POST /workflows/v1/execution/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				out.flush();
				// nothing signals "headers parsed": give the server a moment to start on the request
				await().pollDelay(Duration.ofMillis(500)).until(() -> true);
				jar.terminate();
				await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(jar::isAlive);
				out.write(body.substring(10).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				out.flush();

				String head = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);

				assertThat(head).isEqualTo("HTTP/1.1 401");
			}
			assertThat(jar.awaitExit()).isZero();
		}
	}

	@Test
	void theJarCarriesNoDependencyClassOutsideItsOwnRelocatedPackages() throws IOException {
		java.util.List<String> foreign = new java.util.ArrayList<>();
		try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(Standalone.jar().toFile())) {
			jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("dev/fakeyc/")).forEach(foreign::add);
			assertThat(jar.getEntry("META-INF/services/dev.fakeyc.shaded.org.xnio.XnioProvider")).isNotNull();
		}
		assertThat(foreign).isEmpty();
	}

	@Test
	void sigtermStopsItCleanlyWithExitCode0() {
		try (Standalone jar = Standalone.start("--port", "0", "--quiet")) {
			jar.awaitListening();

			jar.terminate();

			assertThat(jar.awaitExit()).isZero();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jar.out).contains("fakeyc stopped"));
		}
	}
}
