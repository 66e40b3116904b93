package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal's bound holds under requests from many threads: the newest entries stay, in order, and clearing empties it. */
class JournalRingTest extends FakeCloudTestBase {
	private static final int CAPACITY = 50;

	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().journalCapacity(CAPACITY);
	}

	@Test
	void manyThreadsPastTheCapacityLeaveExactlyTheNewestEntries() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 6; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					for (int i = 0; i < 40; i++) {
						http.get("/no/route/" + thread + "/" + i).send();
					}
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		} finally {
			pool.shutdownNow();
		}

		Journal journal = cloud.journal();
		assertThat(journal.totalRecorded()).isEqualTo(240);
		assertThat(journal.size()).isEqualTo(CAPACITY);
		List<RecordedRequest> held = journal.requests();
		assertThat(held).hasSize(CAPACITY);
		assertThat(held).extracting(RecordedRequest::requestId).doesNotHaveDuplicates();
		// each thread's own requests were sent one after another: among the held ones they keep that order
		for (int t = 0; t < 6; t++) {
			String prefix = "/no/route/" + t + "/";
			List<Integer> mine = held.stream().map(RecordedRequest::path).filter(p -> p.startsWith(prefix))
					.map(p -> Integer.parseInt(p.substring(prefix.length()))).toList();
			assertThat(mine).isSorted();
		}
	}

	@Test
	void clearedJournalRecordsAgainFromEmpty() {
		for (int i = 0; i < CAPACITY + 5; i++) {
			http.get("/no/route/" + i).send();
		}
		cloud.journal().clear();
		http.get("/after/clear").send();

		assertThat(cloud.journal().requests()).extracting(RecordedRequest::path).containsExactly("/after/clear");
		assertThat(cloud.journal().size()).isEqualTo(1);
		assertThat(cloud.journal().last()).get().extracting(RecordedRequest::path).isEqualTo("/after/clear");
		assertThat(cloud.journal().totalRecorded()).isEqualTo(CAPACITY + 6);
	}

	@Test
	void emptyJournalHasNoLastEntry() {
		assertThat(cloud.journal().last()).isEmpty();
		assertThat(cloud.journal().size()).isZero();
		assertThat(cloud.journal().requests()).isEmpty();
	}
}
