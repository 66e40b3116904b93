package dev.fakeyc.server.internal.http;

import org.apiguardian.api.API;

import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.internal.answer.EndpointAnswer;
import dev.fakeyc.server.internal.catalog.PathTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The fake's own endpoints (IAM token exchange, key management, discovery, metadata), by method and
 * path template: the answer stage's built-in responders, after the test's stubs. Fixed when built;
 * reads need no lock.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Endpoints {
	/** One endpoint: the recorded request and its body text in, a typed answer out. */
	@FunctionalInterface
	public interface Endpoint {
		/**
		 * Answers an accepted request.
		 *
		 * @param request the request as the journal records it
		 * @param body    the body as UTF-8 text, empty when none
		 * @return the answer; a refusal typed ({@link EndpointAnswer#refused()})
		 */
		EndpointAnswer answer(RecordedRequest request, String body);
	}

	private record Entry(String method, PathTemplate path, Endpoint endpoint) {
	}

	// the request path: entries by their template's first literal segment, each bucket with the entries whose first
	// segment is a variable, all in the order find tries them (the last added first); a path with any other first
	// segment tries only the variable ones
	private final Map<String, Entry[]> byFirst = new HashMap<>();
	private final Entry[] variableFirst;
	private final Entry[] newestFirst;

	/**
	 * @param routes {@code "METHOD /path/{template}"} to the function that answers it
	 * @throws IllegalArgumentException if a key is not {@code METHOD path} or its template is malformed
	 */
	public Endpoints(Map<String, ? extends BiFunction<RecordedRequest, String, EndpointAnswer>> routes) {
		// plain loops rather than streams and lambdas: built on the way to a cold start's first answer, where each
		// lambda and stream stage would spin or load classes
		List<Entry> reversed = new ArrayList<>(routes.size());
		for (Map.Entry<String, ? extends BiFunction<RecordedRequest, String, EndpointAnswer>> route : routes.entrySet()) {
			String key = route.getKey();
			int space = key.indexOf(' ');
			if (space < 1) {
				throw new IllegalArgumentException("an endpoint route is 'METHOD /path', not '" + key + "'");
			}
			BiFunction<RecordedRequest, String, EndpointAnswer> function = route.getValue();
			reversed.add(new Entry(key.substring(0, space).toUpperCase(Locale.ROOT), PathTemplate.parse(key.substring(space + 1)), function::apply));
		}
		Collections.reverse(reversed);
		this.newestFirst = reversed.toArray(new Entry[0]);
		this.variableFirst = withFirst(reversed, null);
		for (Entry e : reversed) {
			String first = e.path.firstLiteral();
			if (first != null && !byFirst.containsKey(first)) {
				byFirst.put(first, withFirst(reversed, first));
			}
		}
	}

	/** The entries, in order, whose template's first segment is a variable or, unless null, the literal {@code first}. */
	private static Entry[] withFirst(List<Entry> entries, String first) {
		List<Entry> matching = new ArrayList<>();
		for (Entry e : entries) {
			String literal = e.path.firstLiteral();
			if (literal == null || literal.equals(first)) {
				matching.add(e);
			}
		}
		return matching.toArray(new Entry[0]);
	}

	/** Whether there are none. */
	public boolean isEmpty() {
		return newestFirst.length == 0;
	}

	/** The endpoint for a request, or null. */
	public Endpoint find(String method, String[] segments) {
		Entry[] candidates = segments.length == 0 ? newestFirst : byFirst.getOrDefault(segments[0], variableFirst);
		for (Entry e : candidates) {
			if (e.method.equalsIgnoreCase(method) && e.path.matches(segments)) {
				return e.endpoint;
			}
		}
		return null;
	}
}
