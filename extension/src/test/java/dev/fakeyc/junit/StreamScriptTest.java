package dev.fakeyc.junit;

import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StreamScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JUnit test scripts what a streaming route streams: for the class through the builder, for one test on the server. */
@ResourceLock(providers = FakeCloudLocks.class)
class StreamScriptTest {
	@RegisterExtension
	static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder()
			.stubStream("POST", "/foundationModels/v1/completion", StreamScript.builder().text("Hel").text("lo").finish("stop").build())
			.build();

	private static HttpResponse<String> post(URI base, String path, String authorization, String body) {
		HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	@Test
	void theBuildersScriptIsStreamedInTheRoutesFormat(@FakeCloudUrl URI url, IamToken token, ServiceAccount sa) {
		HttpResponse<String> r = post(url, "/foundationModels/v1/completion", token.authorization(),
				"{\"modelUri\":\"gpt://" + sa.folderId() + "/yandexgpt/latest\",\"completionOptions\":{\"stream\":true}}");

		assertThat(r.body().lines()).hasSize(3).last().asString().contains("\"text\":\"Hello\"").contains("ALTERNATIVE_STATUS_FINAL");
	}

	@Test
	void aTestSetsItsOwnScriptOnTheInjectedServer(FakeYandexCloud fake, @FakeCloudUrl URI url, IamToken token, ServiceAccount sa) {
		// the class's server: this route is this test's alone (clearStubs() would also drop the builder's script)
		fake.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("only").breakOffAfter(1).build());
		try {
			HttpResponse<String> r = post(url, "/v1/chat/completions", token.authorization(),
					"{\"model\":\"gpt://" + sa.folderId() + "/yandexgpt/latest\",\"stream\":true}");
			throw new AssertionError("a broken-off stream was read whole: " + r.body());
		} catch (UncheckedIOException e) {
			assertThat(e.getCause()).as("java.net.http reports the cut chunked body").isInstanceOf(IOException.class);
		}
	}

	@Test
	void aSharedServerRefusesAClassScript() {
		assertThatThrownBy(() -> FakeYandexCloudExtension.builder().shared()
				.stubStream("POST", "/v1/chat/completions", StreamScript.builder().text("x").build()).build())
				.isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("stubStream(…)");
	}
}
