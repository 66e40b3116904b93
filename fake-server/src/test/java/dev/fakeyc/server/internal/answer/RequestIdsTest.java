package dev.fakeyc.server.internal.answer;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids' shapes, and that every character of the operation id's alphabet turns up in each place. */
class RequestIdsTest {

	@Test
	void operationIdsHaveTheCloudsShapeAndUseTheWholeAlphabet() {
		Set<Character> first = new HashSet<>();
		Set<Character> last = new HashSet<>();
		Set<Character> thirteenth = new HashSet<>();
		for (int i = 0; i < 5000; i++) {
			String id = RequestIds.operationId();
			assertThat(id).matches("[defg][a-v0-9]{19}");
			first.add(id.charAt(0));
			thirteenth.add(id.charAt(12));
			last.add(id.charAt(19));
		}
		assertThat(first).containsExactlyInAnyOrder('d', 'e', 'f', 'g');
		assertThat(thirteenth).hasSize(32);
		assertThat(last).hasSize(32);
	}

	@Test
	void requestAndTraceIdsHaveTheirShapes() {
		assertThat(RequestIds.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(RequestIds.traceId()).matches("([0-9a-f]{16}):[0-9a-f]{16}:\\1:1");
	}
}
