package dev.fakeyc.server.internal.http;

import dev.fakeyc.server.Responder;
import dev.fakeyc.server.internal.catalog.PathTemplate;

import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Responses set for routes, by method and path template; the one set last wins. Reads are lock-free
 * (requests far outnumber stub changes).
 */
public final class Stubs {
	private record Entry(String method, PathTemplate path, Responder responder) {
	}

	private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

	public void add(String method, String path, Responder responder) {
		entries.add(new Entry(method.toUpperCase(Locale.ROOT), PathTemplate.parse(path), responder));
	}

	public void clear() {
		entries.clear();
	}

	public boolean isEmpty() {
		return entries.isEmpty();
	}

	/** The responder for a request, or null. */
	public Responder find(String method, String[] segments) {
		for (int i = entries.size() - 1; i >= 0; i--) {
			Entry e = entries.get(i);
			if ((e.method.equals("*") || e.method.equalsIgnoreCase(method)) && e.path.matches(segments)) {
				return e.responder;
			}
		}
		return null;
	}
}
