package consumer;

import dev.fakeyc.junit.ExclusiveServer;
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer writes from the README, run with parallel execution on; and that one JUnit line is on the classpath. */
@WithFakeYandexCloud
class NewcomerTest {
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final List<LogRecord> SERVER_INFO_LINES = new CopyOnWriteArrayList<>();
	private static final Logger ROOT = Logger.getLogger("");
	private static final Handler CAPTURE = new Handler() {
		@Override
		public void publish(LogRecord record) {
			if (record.getLoggerName() != null && (record.getLoggerName().startsWith("org.xnio")
					|| record.getLoggerName().startsWith("io.undertow") || record.getLoggerName().startsWith("org.jboss.threads"))
					&& record.getLevel().intValue() <= Level.INFO.intValue()) {
				SERVER_INFO_LINES.add(record);
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}
	};

	static {
		ROOT.addHandler(CAPTURE); // before the extension starts the class's server
	}

	private final ApiKey key;
	private final ServiceAccount account;

	NewcomerTest(@Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key, ServiceAccount account) {
		this.key = key;
		this.account = account;
	}

	@AfterAll
	static void serverStartPrintedNoInfoLines() {
		ROOT.removeHandler(CAPTURE);
		assertThat(SERVER_INFO_LINES).extracting(LogRecord::getMessage).isEmpty();
	}

	@RepeatedTest(4)
	void constructorCredentialsBelongToTheTest(@FakeCloudUrl URI url, ServiceAccount sa, ReceivedRequests requests) throws Exception {
		assertThat(sa).isEqualTo(account);
		assertThat(send(url.resolve("/workflows/v1/execution/start"), "POST", key.authorization())).isEqualTo(200);
		assertThat(requests).hasSize(1).allAccepted().allWithScheme("Api-Key");
	}

	@Test
	@ExclusiveServer
	void aForgottenHeaderIsSeen(@FakeCloudUrl URI url, ReceivedRequests requests) throws Exception {
		assertThat(send(url.resolve("/compute/v1/instances"), "GET", null)).isEqualTo(401);
		assertThat(requests).hasSize(1).allRejected();
	}

	@Test
	void theClockMovesForThisTestAlone(FakeClock clock, IamToken token, @FakeCloudUrl URI url) throws Exception {
		clock.advance(Duration.ofHours(13));
		try {
			assertThat(send(url.resolve("/compute/v1/instances"), "GET", token.authorization())).isEqualTo(401);
		} finally {
			clock.advance(Duration.ofHours(-13));
		}
	}

	@Test
	void oneJUnitLineIsOnTheClasspath() throws Exception {
		String expected = System.getProperty("expected.junit.version");
		assertThat(version("org.junit.jupiter.api.Test")).as("junit-jupiter-api").isEqualTo(expected);
		assertThat(version("org.junit.jupiter.engine.JupiterTestEngine")).as("junit-jupiter-engine").isEqualTo(expected);
		String platform = version("org.junit.platform.engine.TestEngine");
		assertThat(platform).as("junit-platform-engine").isEqualTo(expected.startsWith("5.") ? "1." + expected.substring(2) : expected);
	}

	private static String version(String className) throws ClassNotFoundException {
		return Class.forName(className).getPackage().getImplementationVersion();
	}

	private static int send(URI uri, String method, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
				.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}
}
