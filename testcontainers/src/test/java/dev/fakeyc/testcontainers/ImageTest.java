package dev.fakeyc.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The image itself, run as a user runs it ({@code docker run} with variables and mounts, no module
 * code in between), over real HTTP from the host through the published port.
 */
@ExtendWith(LocalImage.class)
class ImageTest {
	private static final String WORKFLOWS_START = "/workflows/v1/execution/start";
	private static final String CONFIG_KEY = "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm";

	private final Http http = new Http();

	private static GenericContainer<?> image() {
		return new GenericContainer<>(LocalImage.IMAGE).withExposedPorts(FakeYandexCloudContainer.HTTP_PORT)
				.waitingFor(Wait.forLogMessage(".*listening on http://.*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)));
	}

	private static String url(GenericContainer<?> c, String path) {
		return "http://" + c.getHost() + ":" + c.getMappedPort(FakeYandexCloudContainer.HTTP_PORT) + path;
	}

	@Test
	void withoutConfigTheDemoCloudsPrintedApiKeyIsAcceptedFromTheHost() {
		try (GenericContainer<?> c = image()) {
			c.start();
			Pattern workflowsKey = Pattern.compile("API key\\s+(AQVN\\S{36})\\s+\\(id \\S+, scope yc\\.serverless\\.workflows\\.execute\\)");
			// the demo printout follows the listening line
			Matcher key = await().atMost(Duration.ofSeconds(30)).until(() -> workflowsKey.matcher(c.getLogs()), Matcher::find);

			HttpResponse<String> r = http.post(url(c, WORKFLOWS_START), "Api-Key " + key.group(1), "{\"workflowId\":\"dfq00000000000000000\"}");

			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		}
	}

	@Test
	void theListeningLineNamesEveryInterfaceAndThePortInTheContainer() {
		try (GenericContainer<?> c = image()) {
			c.start();
			assertThat(c.getLogs(OutputFrame.OutputType.STDOUT)).contains("listening on http://0.0.0.0:8080");
		}
	}

	@Test
	void aConfigFileMountedAtEtcFakeycCloudJsonIsLoaded() {
		// docker run -v "$PWD/cloud.json:/etc/fakeyc/cloud.json:ro" -p 127.0.0.1::8080 fakeyc/fakeyc, through the Docker API
		String config = Path.of(MountableFile.forClasspathResource("cloud.json").getResolvedPath()).toString();
		DockerClient docker = DockerClientFactory.instance().client();
		String id = docker.createContainerCmd(LocalImage.IMAGE.asCanonicalNameString())
				.withLabels(java.util.Map.of(FakeYandexCloudContainer.LABEL, "true"))
				.withExposedPorts(ExposedPort.tcp(8080))
				.withHostConfig(HostConfig.newHostConfig()
						.withBinds(new Bind(config, new Volume(FakeYandexCloudContainer.CONFIG_PATH), AccessMode.ro))
						.withPortBindings(PortBinding.parse("127.0.0.1::8080")))
				.exec().getId();
		try {
			docker.startContainerCmd(id).exec();
			await().atMost(Duration.ofSeconds(60)).until(() -> logs(docker, id).contains("listening on http://"));
			Ports.Binding published = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080))[0];
			String base = "http://127.0.0.1:" + published.getHostPortSpec();

			HttpResponse<String> withKey = http.post(base + WORKFLOWS_START, "Api-Key " + CONFIG_KEY, "{}");
			HttpResponse<String> withToken = http.get(base + "/compute/v1/instances?folderId=b1gfolder00000000001", "Bearer t1.sa-token-from-the-config-file");

			assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(200);
			assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
			assertThat(logs(docker, id)).contains("config /etc/fakeyc/cloud.json loaded").doesNotContain("Demo cloud");
		} finally {
			docker.removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void aConfigDocumentInFakeycConfigJsonIsLoaded() {
		String document = "{\"serviceAccounts\":[{\"id\":\"ajesa0000000000000002\",\"folderId\":\"b1gfolder00000000002\"}],"
				+ "\"iamTokens\":[{\"token\":\"t1.token-from-a-variable\",\"subjectId\":\"ajesa0000000000000002\"}]}";
		try (GenericContainer<?> c = image().withEnv("FAKEYC_CONFIG_JSON", document)) {
			c.start();

			HttpResponse<String> r = http.get(url(c, "/compute/v1/instances?folderId=b1gfolder00000000002"), "Bearer t1.token-from-a-variable");

			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		}
	}

	@Test
	void aRequestWithoutCredentialsIsRefusedWithTheRealBody() {
		try (GenericContainer<?> c = image()) {
			c.start();

			HttpResponse<String> r = http.post(url(c, WORKFLOWS_START), null, "{}");

			String requestId = r.headers().firstValue("x-request-id").orElseThrow();
			assertThat(r.statusCode()).isEqualTo(401);
			assertThat(r.body()).isEqualTo("{\"code\":16,\"message\":\"IAM token or API key has to be passed in request\",\"details\":"
					+ "[{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":\"" + requestId + "\"}]}");
		}
	}

	@Test
	void theControlApiIsClosedToTheHostUnlessFakeycAllowRemoteControlIsTrue() {
		try (GenericContainer<?> closed = image(); GenericContainer<?> open = image().withEnv("FAKEYC_ALLOW_REMOTE_CONTROL", "true")) {
			closed.start();
			open.start();

			HttpResponse<String> refused = http.get(url(closed, "/_fakeyc/journal"), null);
			HttpResponse<String> served = http.get(url(open, "/_fakeyc/journal"), null);

			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("the control API answers loopback clients only");
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.body()).startsWith("{\"requests\":[");
		}
	}

	@Test
	void theHealthCheckTurnsHealthy() {
		try (GenericContainer<?> c = image()) {
			c.start();
			DockerClient docker = c.getDockerClient();

			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
					.untilAsserted(() -> assertThat(docker.inspectContainerCmd(c.getContainerId()).exec().getState().getHealth().getStatus()).isEqualTo("healthy"));
		}
	}

	@Test
	void itRunsAsANonRootUser() throws Exception {
		try (GenericContainer<?> c = image()) {
			c.start();

			assertThat(c.execInContainer("id", "-u").getStdout().trim()).isEqualTo("10001");
			assertThat(c.execInContainer("sh", "-c", "grep '^Uid:' /proc/1/status").getStdout()).matches("Uid:\\s+10001\\s+10001\\s+10001\\s+10001\\s*");
		}
	}

	@Test
	void anotherContainerOnTheSameNetworkReachesItByItsAlias() throws Exception {
		try (Network network = Network.newNetwork();
				GenericContainer<?> fake = image().withNetwork(network).withNetworkAliases("fakeyc");
				GenericContainer<?> client = image().withNetwork(network)) {
			fake.start();
			client.start();

			var result = client.execInContainer("bash", "-c",
					"exec 3<>/dev/tcp/fakeyc/8080 && printf 'POST /workflows/v1/execution/start HTTP/1.0\\r\\nContent-Length: 2\\r\\n\\r\\n{}' >&3 && head -1 <&3");

			assertThat(result.getStdout()).as(result.getStderr()).startsWith("HTTP/1.0 401");
		}
	}

	@Test
	void dockerStopSendsSigtermAndItExitsZeroWithinTheGracePeriod() {
		DockerClient docker = DockerClientFactory.instance().client();
		CreateContainerResponse created = docker.createContainerCmd(LocalImage.IMAGE.asCanonicalNameString())
				.withLabels(java.util.Map.of(FakeYandexCloudContainer.LABEL, "true")).exec();
		String id = created.getId();
		try {
			docker.startContainerCmd(id).exec();
			await().atMost(Duration.ofSeconds(60)).until(() -> logs(docker, id).contains("listening on http://"));

			docker.stopContainerCmd(id).withTimeout(10).exec(); // SIGTERM, then SIGKILL after 10 s (exit 137)

			InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
			assertThat(state.getExitCodeLong()).as(logs(docker, id)).isZero();
			assertThat(state.getOOMKilled()).isFalse();
			assertThat(logs(docker, id)).contains("fakeyc stopped");
		} finally {
			docker.removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void aBadVariableStopsItWithExitCodeTwoAndSaysWhatToChange() {
		assertThat(exitAndOutput("FAKEYC_WATCH=maybe")).startsWith("2 ")
				.contains("fakeyc: FAKEYC_WATCH='maybe' is not a boolean; set it to true or false");
	}

	@Test
	void aConfigFileThatIsNotThereStopsItWithExitCodeTwoAndSaysHowToMountIt() {
		assertThat(exitAndOutput("FAKEYC_CONFIG=/etc/fakeyc/missing.json")).startsWith("2 ")
				.contains("fakeyc: FAKEYC_CONFIG=/etc/fakeyc/missing.json: no such file in the container; mount it, e.g. docker run -v");
	}

	/** Runs the image with one variable until it exits: the exit code, a space, and its output. */
	private static String exitAndOutput(String variable) {
		DockerClient docker = DockerClientFactory.instance().client();
		String id = docker.createContainerCmd(LocalImage.IMAGE.asCanonicalNameString()).withEnv(variable)
				.withLabels(java.util.Map.of(FakeYandexCloudContainer.LABEL, "true")).exec().getId();
		try {
			docker.startContainerCmd(id).exec();
			Integer exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
			return exit + " " + logs(docker, id);
		} finally {
			docker.removeContainerCmd(id).withForce(true).exec();
		}
	}

	private static String logs(DockerClient docker, String id) {
		StringBuilder out = new StringBuilder();
		try {
			docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
				@Override
				public void onNext(com.github.dockerjava.api.model.Frame frame) {
					out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
				}
			}).awaitCompletion(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return out.toString();
	}
}
