package dev.fakeyc.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Node SDK ({@code @yandex-cloud/nodejs-sdk}, pinned with its package-lock.json in
 * {@code grpc-node-interop/}) against the standalone jar's gRPC front: {@code npm ci} from the registry, then
 * {@code interop.js} — an IAM token accepted, a wrong one and none refused, an API key accepted by Workflows'
 * ExecutionService and refused by its WorkflowService — trusting the fake from the PEM the jar wrote
 * ({@code --grpc-ca-file}), once through the SDK's {@code ssl.rootCerts} and once through grpc-js's {@code GRPC_DEFAULT_SSL_ROOTS_FILE_PATH}.
 * Needs node and npm on the PATH (the build machines have node 20).
 */
class NodeSdkInteropTest {
	private static final String CONFIG = """
			{
			  "serviceAccounts": [ { "id": "ajesa0000000000000001", "folderId": "b1gfolder00000000001" } ],
			  "iamTokens": [ { "token": "t1.sa-token", "subjectId": "ajesa0000000000000001", "expiresAt": "2099-01-01T00:00:00Z" } ],
			  "apiKeys": [ { "id": "ajekey00000000000001", "secret": "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm",
			                 "serviceAccountId": "ajesa0000000000000001", "scopes": ["yc.serverless.workflows.execute"] } ]
			}
			""";

	@Test
	void theOfficialNodeSdkTrustsTheWrittenCertificateAndGetsTheCloudsAnswers(@TempDir Path dir) throws Exception {
		Path project = nodeProject();
		Path config = Files.writeString(dir.resolve("cloud.json"), CONFIG);
		Path ca = dir.resolve("fakeyc-ca.pem");
		StandaloneJar.Started fake = StandaloneJar.start("--port", "0", "--config", config.toString(), "--quiet", "--grpc-port", "0",
				"--grpc-ca-file", ca.toString());
		try {
			String target = fake.awaitLine("fakeyc gRPC listening on ");

			Map<String, String> env = Map.of("FAKEYC_GRPC_TARGET", target, "FAKEYC_CA_FILE", ca.toString(), "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", ca.toString(),
					"FAKEYC_IAM_TOKEN", "t1.sa-token", "FAKEYC_API_KEY", "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm", "FAKEYC_FOLDER_ID",
					"b1gfolder00000000001");
			Process node = run(project, env, "node", "interop.js");
			List<String> lines = output(node);
			assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("interop.js finished: %s", lines).isTrue();

			assertThat(lines).as("interop.js output").contains(
					"ok iam-token-ok: OK folders=0",
					"ok wrong-token: UNAUTHENTICATED: The token is invalid",
					"ok missing-token: UNAUTHENTICATED: IAM token or API key has to be passed in request");
			assertThat(lines).anyMatch(l -> l.startsWith("ok api-key-execution-start: OK executionId="))
					.anyMatch(l -> l.startsWith("ok api-key-workflow-list: UNAUTHENTICATED"));
			assertThat(node.exitValue()).as("interop.js exit code; output %s", lines).isZero();
		} finally {
			fake.stop();
		}
	}

	/** The npm project copied into target/ and installed from its package-lock.json (npm ci: exact versions, from the registry). */
	private static Path nodeProject() throws Exception {
		Path source = Path.of("..", "grpc-node-interop");
		Path project = Files.createDirectories(Path.of("target", "grpc-node-interop"));
		for (String file : List.of("package.json", "package-lock.json", "interop.js")) {
			Files.copy(source.resolve(file), project.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Process npm = run(project, Map.of(), "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
		List<String> lines = output(npm);
		assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci finished: %s", lines).isTrue();
		assertThat(npm.exitValue()).as("npm ci in %s: %s", project, lines).isZero();
		return project;
	}

	private static Process run(Path dir, Map<String, String> env, String... command) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		pb.environment().putAll(env);
		Process p = pb.start();
		p.getOutputStream().close();
		return p;
	}

	/** Every output line, read to the end (the process's exit closes it). */
	private static List<String> output(Process p) throws Exception {
		CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
				return r.lines().toList();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, StandaloneJar.ownThread("npm-output"));
		try {
			return lines.get(300, TimeUnit.SECONDS);
		} catch (java.util.concurrent.TimeoutException e) {
			p.destroyForcibly();
			throw new AssertionError("no end of output within 300 s from " + p.info().commandLine().orElse("a process"), e);
		}
	}
}
