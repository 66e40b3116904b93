package dev.fakeyc.server.standalone;

import dev.fakeyc.server.internal.grpc.GrpcClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The real jar with its gRPC front: the options, the second startup line, the written certificate, a call over TLS. */
class StandaloneGrpcIT {
	private static final String CONFIG = """
			{
			  "serviceAccounts": [ { "id": "ajesa0000000000000001", "folderId": "b1gfolder00000000001" } ],
			  "iamTokens": [ { "token": "t1.sa-token", "subjectId": "ajesa0000000000000001", "expiresAt": "2099-01-01T00:00:00Z" } ]
			}
			""";
	private static final String FOLDER_LIST = "yandex.cloud.resourcemanager.v1.FolderService/List";
	/** How long a start with the gRPC front may take here: keytool runs first, and the build runs many JVMs at once. */
	private static final Duration STARTUP = Duration.ofSeconds(60);

	@Test
	void grpcPortPrintsASecondStartupLineAfterTheFirstAndTheCertificateFileLetsAClientCall(@TempDir Path dir) throws Exception {
		Path config = Files.writeString(dir.resolve("cloud.json"), CONFIG);
		Path ca = dir.resolve("fakeyc-ca.pem");
		try (Standalone jar = Standalone.start("--port", "0", "--config", config.toString(), "--grpc-port", "0", "--grpc-ca-file", ca.toString())) {
			// the first start in a JVM makes the certificate with keytool (another JVM): slow on a busy machine
			await().atMost(STARTUP).until(() -> jar.out.stream().anyMatch(l -> l.startsWith("fakeyc gRPC listening on ")) || !jar.isAlive());
			jar.awaitListening();
			int http = indexOf(jar, "listening on http://");
			int grpc = indexOf(jar, "fakeyc gRPC listening on ");
			assertThat(grpc).as("the gRPC line comes after the HTTP line: %s", jar.out).isGreaterThan(http);
			String target = jar.out.get(grpc).substring("fakeyc gRPC listening on ".length());
			assertThat(target).matches("127\\.0\\.0\\.1:\\d+");
			assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");

			try (GrpcClient client = new GrpcClient(target, Files.readString(ca))) {
				assertThat(client.unary(FOLDER_LIST, new byte[0], GrpcClient.metadata("Bearer t1.sa-token"))).isEmpty(); // ListFoldersResponse{}
				StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
						() -> client.unary(FOLDER_LIST, new byte[0], GrpcClient.metadata(null)));
				assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
				assertThat(refused.getStatus().getDescription()).isEqualTo("IAM token or API key has to be passed in request");
			}
			jar.terminate();
			assertThat(jar.awaitExit(STARTUP)).isZero();
		}
	}

	@Test
	void withoutGrpcPortThereIsNoSecondLine() {
		try (Standalone jar = Standalone.start("--port", "0", "--quiet")) {
			jar.awaitListening();
			await().atMost(Duration.ofSeconds(10)).until(() -> jar.out.stream().anyMatch(l -> l.startsWith("Try it:") || l.contains("curl")));
			assertThat(jar.out).noneMatch(l -> l.contains("gRPC"));
		}
	}

	@Test
	void caFileWithoutGrpcPortExitsWithCode2SayingWhatToAdd(@TempDir Path dir) {
		try (Standalone jar = Standalone.start("--port", "0", "--grpc-ca-file", dir.resolve("ca.pem").toString())) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).isEqualTo("fakeyc: --grpc-ca-file needs --grpc-port PORT: without the gRPC front there is no certificate to write");
		}
	}

	@Test
	void grpcPortOutOfRangeExitsWithCode2() {
		try (Standalone jar = Standalone.start("--port", "0", "--grpc-port", "70000")) {
			assertThat(jar.awaitExit()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).isEqualTo("fakeyc: --grpc-port must be between 0 and 65535, not 70000");
		}
	}

	@Test
	void anEmptyOrDirectoryCaFileExitsWithCode2BeforeAnythingListens(@TempDir Path dir) {
		try (Standalone empty = Standalone.start("--port", "0", "--grpc-port", "0", "--grpc-ca-file", "");
				Standalone directory = Standalone.start("--port", "0", "--grpc-port", "0", "--grpc-ca-file", dir.toString())) {
			assertThat(empty.awaitExit(STARTUP)).isEqualTo(2);
			assertThat(directory.awaitExit(STARTUP)).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !empty.err.isEmpty() && !directory.err.isEmpty());
			assertThat(empty.err.get(0)).isEqualTo("fakeyc: --grpc-ca-file needs the path of a file to write, such as ca.pem; '' is empty");
			assertThat(directory.err.get(0)).isEqualTo("fakeyc: --grpc-ca-file needs the path of a file to write, such as ca.pem; '" + dir + "' is a directory");
			assertThat(empty.out).noneMatch(l -> l.contains("listening on"));
			assertThat(directory.out).noneMatch(l -> l.contains("listening on"));
		}
	}

	@Test
	void unwritableCaFileExitsWithCode2NamingThePath(@TempDir Path dir) {
		Path ca = dir.resolve("no-such-dir").resolve("ca.pem");
		try (Standalone jar = Standalone.start("--port", "0", "--grpc-port", "0", "--grpc-ca-file", ca.toString())) {
			assertThat(jar.awaitExit(STARTUP)).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> !jar.err.isEmpty());
			assertThat(jar.err.get(0)).startsWith("fakeyc: --grpc-ca-file " + ca + ": cannot be written").endsWith("give a path in a writable directory");
			assertThat(jar.out).noneMatch(l -> l.contains("listening on"));
		}
	}

	@Test
	void grpcPortInUseExitsWithCode1() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Standalone jar = Standalone.start("--port", "0", "--grpc-port", Integer.toString(taken.getLocalPort()))) {
			assertThat(jar.awaitExit(STARTUP)).isEqualTo(1);
			assertThat(jar.err.get(0)).isEqualTo("fakeyc: cannot serve gRPC on 127.0.0.1:" + taken.getLocalPort() + ": Failed to bind to address /127.0.0.1:"
					+ taken.getLocalPort() + "; choose another --port or --grpc-port, or 0 for a free one");
		}
	}

	@Test
	void helpListsTheGrpcOptions() {
		try (Standalone help = Standalone.start("--help")) {
			assertThat(help.awaitExit()).isZero();
			await().atMost(Duration.ofSeconds(5)).until(() -> help.out.size() > 5);
			assertThat(String.join("\n", help.out)).contains("--grpc-port=PORT", "--grpc-ca-file=FILE");
		}
	}

	private static int indexOf(Standalone jar, String text) {
		return jar.out.indexOf(jar.line(text));
	}
}
