package dev.fakeyc.server.internal.http;

import org.apiguardian.api.API;

import dev.fakeyc.server.Responder;
import dev.fakeyc.server.StreamScript;
import dev.fakeyc.server.internal.catalog.PathTemplate;

import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Responses set for routes, by method and path template; the one set last wins. A stream script answers only requests
 * that ask for a stream; a responder answers any. Reads are lock-free (requests far outnumber stub changes).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Stubs {
	/** A stub: exactly one of {@code responder} and {@code stream} is set. */
	record Entry(String method, PathTemplate path, Responder responder, StreamScript stream) {
	}

	private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

	public void add(String method, String path, Responder responder) {
		entries.add(new Entry(method.toUpperCase(Locale.ROOT), PathTemplate.parse(path), responder, null));
	}

	/** Sets a stream script for requests to the route that ask for a stream. */
	public void add(String method, String path, StreamScript stream) {
		entries.add(new Entry(method.toUpperCase(Locale.ROOT), PathTemplate.parse(path), null, stream));
	}

	public void clear() {
		entries.clear();
	}

	public boolean isEmpty() {
		return entries.isEmpty();
	}

	/** The responder for a request, or null. */
	public Responder find(String method, String[] segments) {
		Entry e = find(method, segments, false);
		return e == null ? null : e.responder;
	}

	/**
	 * The stream script set last for a request, or null when none is, or a responder was set after it (the responder
	 * then answers streamed requests too).
	 */
	public StreamScript stream(String method, String[] segments) {
		Entry e = find(method, segments, true);
		return e == null ? null : e.stream;
	}

	/**
	 * The stub set last for a request, or null; with {@code streaming} false, stream scripts are passed over.
	 */
	Entry find(String method, String[] segments, boolean streaming) {
		for (int i = entries.size() - 1; i >= 0; i--) {
			Entry e = entries.get(i);
			if ((streaming || e.responder != null) && (e.method.equals("*") || e.method.equalsIgnoreCase(method)) && e.path.matches(segments)) {
				return e;
			}
		}
		return null;
	}
}
