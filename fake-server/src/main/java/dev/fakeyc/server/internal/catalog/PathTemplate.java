package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

/**
 * A route path: literal segments, {@code {name}} segments (with an optional literal prefix or suffix,
 * as in {@code {id}:cancel}), and a final {@code **} that matches the rest of the path.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PathTemplate {
	private final String text;
	private final Segment[] segments;
	private final boolean rest;

	private record Segment(String literal, String prefix, String suffix, String name) {
		boolean matches(String s) {
			if (literal != null) {
				return literal.equals(s);
			}
			return s.length() > prefix.length() + suffix.length() && s.startsWith(prefix) && s.endsWith(suffix);
		}
	}

	private PathTemplate(String text, Segment[] segments, boolean rest) {
		this.text = text;
		this.segments = segments;
		this.rest = rest;
	}

	public static PathTemplate parse(String text) {
		if (text == null || !text.startsWith("/")) {
			throw new IllegalArgumentException("path '" + text + "' must start with '/'");
		}
		List<Segment> segments = new ArrayList<>();
		String[] parts = split(text);
		boolean rest = false;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.equals("**")) {
				if (i != parts.length - 1) {
					throw new IllegalArgumentException("path '" + text + "': '**' may only be the last segment");
				}
				rest = true;
			} else {
				segments.add(segment(text, part));
			}
		}
		return new PathTemplate(text, segments.toArray(new Segment[0]), rest);
	}

	private static Segment segment(String text, String part) {
		int open = part.indexOf('{');
		if (open < 0) {
			return new Segment(part, null, null, null);
		}
		int close = part.indexOf('}', open);
		if (close < 0 || part.indexOf('{', open + 1) >= 0) {
			throw new IllegalArgumentException("path '" + text + "': segment '" + part + "' has an unbalanced '{'");
		}
		return new Segment(null, part.substring(0, open), part.substring(close + 1), part.substring(open + 1, close));
	}

	/** Splits a path into its non-empty segments. */
	public static String[] split(String path) {
		// counted first, then cut: no list and no second copy on the request path
		int n = path.length();
		int count = 0;
		for (int start = 1; start <= n;) {
			int end = end(path, start);
			if (end > start) {
				count++;
			}
			start = end + 1;
		}
		String[] parts = new String[count];
		int i = 0;
		for (int start = 1; start <= n;) {
			int end = end(path, start);
			if (end > start) {
				parts[i++] = path.substring(start, end);
			}
			start = end + 1;
		}
		return parts;
	}

	private static int end(String path, int start) {
		int slash = path.indexOf('/', start);
		return slash < 0 ? path.length() : slash;
	}

	public boolean matches(String[] pathSegments) {
		if (rest ? pathSegments.length < segments.length : pathSegments.length != segments.length) {
			return false;
		}
		for (int i = 0; i < segments.length; i++) {
			if (!segments[i].matches(pathSegments[i])) {
				return false;
			}
		}
		return true;
	}

	/** The value a {@code {name}} segment took in a matching path, or empty. */
	public String variable(String name, String[] pathSegments) {
		for (int i = 0; i < segments.length && i < pathSegments.length; i++) {
			Segment s = segments[i];
			if (name.equals(s.name)) {
				return pathSegments[i].substring(s.prefix.length(), pathSegments[i].length() - s.suffix.length());
			}
		}
		return "";
	}

	/** The first segment if it is a plain literal, else null (the route then sits in the wildcard bucket). */
	public String firstLiteral() {
		return segments.length > 0 ? segments[0].literal : null;
	}

	/** Orders routes so that the most specific is tried first. */
	public int specificity() {
		int score = rest ? 0 : 1_000_000;
		for (Segment s : segments) {
			score += s.literal != null ? 1_000 : (s.prefix.isEmpty() && s.suffix.isEmpty() ? 1 : 100);
		}
		return score;
	}

	@Override
	public String toString() {
		return text;
	}
}
