package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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
	void readersSeeEachHeldRequestWholeWhileWritersOverwriteItsSlot() throws Exception {
		// each request carries its number in its path and in a header, and a pad of a length made from it: a record that
		// mixed two requests' bytes would show two numbers or the wrong pad. The pads' lengths differ from one request to
		// the next, so slots also get new arrays while they are read
		ExecutorService pool = Executors.newFixedThreadPool(5);
		AtomicBoolean writing = new AtomicBoolean(true);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					for (int i = 0; i < 150; i++) {
						String n = thread + "-" + i;
						http.get("/no/route/" + n).header("x-n", n).header("x-pad", "p".repeat(pad(n))).send();
					}
				}));
			}
			Future<Integer> reader = pool.submit(() -> {
				int checked = 0;
				while (writing.get() || checked == 0) {
					for (RecordedRequest r : cloud.journal().requests()) {
						String n = r.path().substring("/no/route/".length());
						assertThat(r.headers().get("x-n")).containsExactly(n);
						assertThat(r.headers().get("x-pad")).singleElement().asString().hasSize(pad(n));
						checked++;
					}
				}
				return checked;
			});
			for (Future<?> f : writers) {
				f.get();
			}
			writing.set(false);
			assertThat(reader.get()).isPositive();
		} finally {
			pool.shutdownNow();
		}
		assertThat(cloud.journal().totalRecorded()).isEqualTo(600);
		assertThat(cloud.journal().size()).isEqualTo(CAPACITY);
	}

	private static int pad(String n) {
		return 1 + Math.floorMod(n.hashCode(), 700);
	}

	@Test
	void aHeldRequestReadAgainIsTheSameRecord() {
		http.get("/no/route/once").send();

		RecordedRequest first = cloud.journal().last().orElseThrow();

		assertThat(cloud.journal().requests()).singleElement().isSameAs(first);
		assertThat(cloud.journal().page(0, 10).requests()).singleElement().isSameAs(first);
	}

	@Test
	void heldBytesFollowTheRequestsThroughOverwritesAndClear() {
		for (int i = 0; i < 3 * CAPACITY; i++) {
			http.get("/no/route/" + i).header("x-pad", "p".repeat(i * 7 % 900)).send();
		}
		assertThat(cloud.journal().size()).isEqualTo(CAPACITY);
		assertThat(cloud.journal().heldBytes()).isPositive();

		cloud.journal().clear();

		assertThat(cloud.journal().heldBytes()).isZero();
		assertThat(cloud.journal().size()).isZero();
		http.get("/no/route/after").send();
		assertThat(cloud.journal().heldBytes()).isPositive();
		assertThat(cloud.journal().requests()).extracting(RecordedRequest::path).containsExactly("/no/route/after");
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
