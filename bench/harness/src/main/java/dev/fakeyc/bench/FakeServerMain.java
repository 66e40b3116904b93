package dev.fakeyc.bench;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Journal;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StreamScript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded fake as a process of its own, so the script can load it with {@code wrk} and read its
 * resident memory: {@code FakeServerMain --port 18080 --credentials creds.env}.
 *
 * <p>It makes one service account with an IAM token and a Workflows-scoped API key and writes them to
 * the credentials file as shell assignments ({@code TOKEN=…}, {@code API_KEY=…}) for the wrk scripts.
 * With {@code --stream-chunks N} the legacy completions route streams N text pieces (bench/stream.sh); with
 * {@code --grpc-port P --grpc-ca-file F} it serves the gRPC front too, writes its certificate to F and prints a
 * second line, {@code grpc listening on 127.0.0.1:PORT} (bench/grpc.sh).
 * They are throwaway values of a throwaway fake; the file lives under {@code bench/results/}. On
 * SIGTERM it prints how many requests the journal holds and has seen, to show it stays bounded.
 */
public final class FakeServerMain {
	private FakeServerMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Args a = Args.parse(args);
		// the control API (loopback only) for the soak's health checks
		FakeYandexCloud.Builder builder = FakeYandexCloud.builder().port(a.intValue("--port", 0)).ioThreads(a.intValue("--io-threads", 2))
				.controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY);
		int journalCapacity = a.intValue("--journal-capacity", -1); // what keeping the journal costs: compare with a small one
		if (journalCapacity > 0) {
			builder.journalCapacity(journalCapacity);
		}
		int grpcPort = a.intValue("--grpc-port", -1);
		if (grpcPort >= 0) {
			builder.grpc(grpcPort); // bench/grpc.sh: the gRPC front too
		}
		FakeYandexCloud cloud = builder.build().start();
		String grpcCaFile = a.value("--grpc-ca-file", null);
		if (grpcCaFile != null) {
			Files.writeString(Path.of(grpcCaFile), cloud.grpcCertificatePem());
		}
		ServiceAccount sa = cloud.createServiceAccount();
		IamToken token = cloud.issueIamToken(sa, Duration.ofDays(30));
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));
		int streamChunks = a.intValue("--stream-chunks", 0);
		if (streamChunks > 0) {
			// the long-stream scenario of bench/stream.sh: this many text pieces on the legacy completions route
			StreamScript.Builder script = StreamScript.builder();
			for (int i = 0; i < streamChunks; i++) {
				script.text("piece " + i + " ");
			}
			cloud.stubStream("POST", "/v1/completions", script.finish("stop").build());
		}
		String credentials = a.value("--credentials", null);
		if (credentials != null) {
			Files.writeString(Path.of(credentials), "TOKEN=" + token.value() + "\nAPI_KEY=" + key.value() + "\nFOLDER=" + sa.folderId() + "\n");
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			Journal j = cloud.journal();
			System.out.println("journal: holds " + j.size() + " of at most " + j.capacity() + " (" + j.heldBytes() / 1024 + " KiB of at most "
					+ j.maxBytes() / 1024 + "); recorded " + j.totalRecorded() + " in all");
			cloud.close();
			stopped.countDown();
		}));
		System.out.println("pid " + ProcessHandle.current().pid() + " listening on " + cloud.baseUrl());
		if (grpcPort >= 0) {
			System.out.println("pid " + ProcessHandle.current().pid() + " grpc listening on " + cloud.grpcTarget());
		}
		System.out.flush();
		stopped.await();
	}
}
