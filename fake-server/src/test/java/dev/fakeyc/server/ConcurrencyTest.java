package dev.fakeyc.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, revocation, clock moves and requests at once, from many threads. */
class ConcurrencyTest extends FakeCloudTestBase {
	private ExecutorService pool;

	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().journalCapacity(100_000);
	}

	@BeforeEach
	void start() {
		pool = Executors.newFixedThreadPool(16);
	}

	@AfterEach
	void stop() throws InterruptedException {
		pool.shutdownNow();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void credentialsRegisteredFromManyThreadsAllWorkAndRevokedOnesAllFail() {
		List<CompletableFuture<List<Integer>>> runs = new ArrayList<>();
		for (int t = 0; t < 16; t++) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				List<Integer> statuses = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					ServiceAccount sa = cloud.createServiceAccount();
					ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.WORKFLOWS_EXECUTE));
					IamToken token = cloud.issueIamToken(sa);
					statuses.add(http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send().statusCode());
					statuses.add(http.get("/compute/v1/instances").auth(token.authorization()).send().statusCode());
					cloud.credentials().revoke(key);
					cloud.credentials().revoke(token);
					statuses.add(-http.post("/workflows/v1/execution/start", "{}").auth(key.authorization()).send().statusCode());
					statuses.add(-http.get("/compute/v1/instances").auth(token.authorization()).send().statusCode());
				}
				return statuses;
			}, pool));
		}

		List<Integer> all = runs.stream().flatMap(f -> f.join().stream()).toList();

		assertThat(all).hasSize(16 * 10 * 4);
		assertThat(all.stream().filter(s -> s > 0)).containsOnly(200).hasSize(320);
		assertThat(all.stream().filter(s -> s < 0)).containsOnly(-401).hasSize(320);
		assertThat(cloud.journal().size()).isEqualTo(640);
	}

	@Test
	void aClockMoveDuringRequestsNeverUndoesAnExpiry() throws Exception {
		ServiceAccount sa = cloud.createServiceAccount();
		IamToken token = cloud.issueIamToken(sa, Duration.ofMinutes(10));
		AtomicBoolean moved = new AtomicBoolean();
		ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
		List<CompletableFuture<Void>> senders = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			senders.add(CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 40; i++) {
					boolean movedBefore = moved.get();
					HttpResponse<String> r = http.get("/compute/v1/instances").auth(token.authorization()).send();
					if (movedBefore && r.statusCode() != 401) {
						violations.add("accepted after the clock had passed the expiry: " + r.statusCode());
					}
					if (r.statusCode() == 401 && !Json.body(r).path("message").asText().equals("The token is invalid")) {
						violations.add("unexpected message " + r.body());
					}
					if (r.statusCode() != 200 && r.statusCode() != 401) {
						violations.add("unexpected status " + r.statusCode());
					}
				}
			}, pool));
		}
		cloud.clock().advance(Duration.ofMinutes(10));
		moved.set(true);
		CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		assertThat(violations).isEmpty();
		assertThat(http.get("/compute/v1/instances").auth(token.authorization()).send().statusCode()).isEqualTo(401);
	}

	@Test
	void parallelTestsOnOneServerSeeOnlyTheirOwnSubjectsInTheJournal() {
		List<CompletableFuture<Boolean>> runs = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				ServiceAccount mine = cloud.createServiceAccount();
				IamToken token = cloud.issueIamToken(mine);
				for (int i = 0; i < 20; i++) {
					http.get("/vpc/v1/networks").auth(token.authorization()).send();
				}
				return cloud.journal().requests(r -> r.subjectId().equals(mine.id())).size() == 20;
			}, pool));
		}

		assertThat(runs.stream().map(CompletableFuture::join)).containsOnly(true);
	}
}
