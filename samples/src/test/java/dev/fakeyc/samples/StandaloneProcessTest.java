package dev.fakeyc.samples;

// tag::standalone[]
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

// end::standalone[]

/**
 * What a non-JVM team's CI does: start the standalone jar with a config file, wait for its startup
 * line, point the client at the URL it prints, stop it with SIGTERM.
 */
class StandaloneProcessTest {
	// tag::standalone[]
	private static final String CONFIG = """
			{
			  "serviceAccounts": [ { "id": "ajesa0000000000000001", "folderId": "b1gfolder00000000001" } ],
			  "apiKeys": [ { "id": "ajekey00000000000001", "secret": "AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm",
			                 "serviceAccountId": "ajesa0000000000000001", "scopes": ["yc.serverless.workflows.execute"] } ]
			}
			""";

	@Test
	void ciStartsTheJarAndPointsTheClientAtIt(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), CONFIG);
		Process fake = new ProcessBuilder(java(), "-jar", standaloneJar().toString(), "--port", "0", "--config", config.toString(), "--quiet")
				.redirectErrorStream(true).start();
		try {
			URI url = awaitListening(fake);
			WorkflowsClient workflows = new WorkflowsClient(url, Credentials.apiKey("AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm"));

			assertThat(workflows.start("dfq00000000000000000", "{}")).hasSize(20);
		} finally {
			fake.toHandle().destroy(); // SIGTERM
			assertThat(fake.waitFor(20, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(fake.exitValue()).isZero();
	}
	// end::standalone[]

	/** Reads the contract's startup line: {@code … listening on http://HOST:PORT}. */
	private static URI awaitListening(Process fake) throws Exception {
		BufferedReader out = new BufferedReader(new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<URI> listening = CompletableFuture.supplyAsync(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					int at = line.indexOf("listening on ");
					if (at >= 0) {
						return URI.create(line.substring(at + "listening on ".length()).trim());
					}
				}
				throw new IllegalStateException("the jar exited before listening");
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}, StandaloneJar.ownThread("fakeyc-startup-line"));
		return listening.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS); // generous: a JVM start on a loaded 2-core CI machine
	}

	private static String java() {
		return StandaloneJar.java();
	}

	private static Path standaloneJar() throws IOException {
		return StandaloneJar.path();
	}
}
