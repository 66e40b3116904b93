package dev.fakeyc.server.internal.credentials;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids keep the cloud's shape and stay distinct across threads, and every one of their 17 random places takes every one
 * of the 32 characters (no place stuck or starved by the bit slicing).
 */
class GeneratedIdsTest {
	@Test
	void idsFromFourThreadsAreDistinctWellFormedAndUseEveryCharacterInEveryPlace() throws Exception {
		Generated generated = new Generated();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<String> ids = new ArrayList<>();
		try {
			List<Future<List<String>>> parts = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Callable<List<String>> part = () -> {
					List<String> made = new ArrayList<>();
					for (int i = 0; i < 5_000; i++) {
						made.add(generated.id("aje"));
					}
					return made;
				};
				parts.add(pool.submit(part));
			}
			for (Future<List<String>> part : parts) {
				ids.addAll(part.get());
			}
		} finally {
			pool.shutdownNow();
		}

		assertThat(ids).hasSize(20_000).doesNotHaveDuplicates().allMatch(id -> id.matches("aje[a-v0-9]{17}"));
		for (int place = 3; place < 20; place++) {
			Set<Character> seen = new HashSet<>();
			for (String id : ids) {
				seen.add(id.charAt(place));
			}
			assertThat(seen).as("characters at place %d", place).hasSize(32);
		}
	}
}
