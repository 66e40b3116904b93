package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.text.Excerpt;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers as the journal shows them: names in lower case, credential-bearing values
 * masked, in the order received; unmodifiable; bounded in size. Reading it never yields a whole
 * secret: only the built, masked map is exposed.
 *
 * <p>Bounds: at most {@link #MAX_HEADERS} headers, each value at most {@link #MAX_VALUE_CHARS}
 * characters and all values together at most {@link #MAX_TOTAL_CHARS}; a value over its share is
 * cut and ends with {@link Excerpt#CUT_MARK}, and headers left out are counted under the name
 * {@link #CUT_HEADER} (a name no HTTP/1.1 header can have).
 *
 * <p>Transport-neutral: the headers come from a {@link Source} (Undertow's request headers on the REST
 * front, the call's metadata on the gRPC front). Most journal entries are never read, so for a header
 * section within those bounds the request thread keeps the source itself (no copy, no masking, no map)
 * and the map is built on first read; a source must therefore not change once handed over (Undertow
 * makes a new map for every request and nothing writes to it once parsed; gRPC metadata is not written
 * after the call starts). A section over the bounds is copied, masked and cut at once, so the journal
 * never holds a large header map.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MaskedHeaders extends AbstractMap<String, List<String>> {
	/** The most headers an entry keeps. */
	static final int MAX_HEADERS = 64;
	/** The most characters of one header value an entry keeps. */
	static final int MAX_VALUE_CHARS = 1024;
	/** The most characters of all header values together an entry keeps. */
	static final int MAX_TOTAL_CHARS = 8 * 1024;
	/** The pseudo-header that says how many headers were left out. */
	static final String CUT_HEADER = ":cut";

	private static final Set<String> SECRET = Set.of("authorization", "x-yacloud-subjecttoken", "proxy-authorization", "cookie",
			"x-api-key", "api-key", "x-goog-api-key", "set-cookie");

	/**
	 * A request's headers, as a transport holds them: every (name, value) pair in the order received, a name
	 * repeated for each of its values. Walked once to measure and once more when the map is built.
	 */
	@FunctionalInterface
	public interface Source {
		/**
		 * Calls {@code each} with every header value.
		 *
		 * @param each takes the header's name as received and one value
		 */
		void forEach(java.util.function.BiConsumer<String, String> each);
	}

	// the request's headers as received; dropped once the map is built
	private Source received;
	private volatile Map<String, List<String>> built;
	private final int estimatedBytes;

	private MaskedHeaders(Source received, Map<String, List<String>> built, int estimatedBytes) {
		this.received = received;
		this.built = built;
		this.estimatedBytes = estimatedBytes;
	}

	/**
	 * The journal's view of a request's headers: lower-cased names, the credential masked, bounded in count and size;
	 * built on first read from the exchange's own (never written after parsing) map.
	 */
	public static MaskedHeaders of(Source headers) {
		long[] measured = new long[3]; // values, characters, the longest value
		headers.forEach((name, value) -> {
			measured[0]++;
			measured[1] += name.length() + value.length();
			measured[2] = Math.max(measured[2], value.length());
		});
		int count = (int) Math.min(Integer.MAX_VALUE, measured[0]);
		long chars = measured[1];
		boolean small = measured[2] <= MAX_VALUE_CHARS && count <= MAX_HEADERS && chars <= MAX_TOTAL_CHARS;
		if (small) {
			return new MaskedHeaders(headers, null, estimate(count, chars));
		}
		Map<String, List<String>> cut = build(headers);
		long keptChars = 0;
		int kept = 0;
		for (Map.Entry<String, List<String>> e : cut.entrySet()) {
			keptChars += e.getKey().length();
			for (String v : e.getValue()) {
				keptChars += v.length();
				kept++;
			}
		}
		return new MaskedHeaders(null, cut, estimate(kept, keptChars));
	}

	/** About what an entry's headers take on the heap: 2 bytes a character, and the objects around each header. */
	private static int estimate(int count, long chars) {
		return (int) Math.min(Integer.MAX_VALUE, 64 + 2 * chars + 96L * count);
	}

	/** Bytes of heap these headers take, estimated; bounded by the limits above. */
	int estimatedBytes() {
		return estimatedBytes;
	}

	private Map<String, List<String>> built() {
		Map<String, List<String>> map = built;
		return map != null ? map : buildOnce();
	}

	private synchronized Map<String, List<String>> buildOnce() {
		if (built == null) {
			built = build(received);
			received = null;
		}
		return built;
	}

	private static Map<String, List<String>> build(Source received) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		int[] counts = new int[2]; // kept, left out
		long[] budget = { MAX_TOTAL_CHARS };
		received.forEach((receivedName, v) -> {
			if (counts[0] >= MAX_HEADERS || budget[0] <= 0) {
				counts[1]++;
				return;
			}
			String name = Excerpt.of(receivedName.toLowerCase(Locale.ROOT), 128);
			String shown = SECRET.contains(name) ? Credential.maskHeader(v) : v;
			shown = Excerpt.of(shown, (int) Math.min(MAX_VALUE_CHARS, budget[0]));
			budget[0] -= shown.length() + name.length();
			result.computeIfAbsent(name, n -> new ArrayList<>(1)).add(shown);
			counts[0]++;
		});
		int left = counts[1];
		result.replaceAll((n, l) -> Collections.unmodifiableList(l));
		if (left > 0) {
			result.put(CUT_HEADER, List.of(left + " more header values not kept: the journal keeps " + MAX_HEADERS
					+ " values and " + MAX_TOTAL_CHARS + " characters per request"));
		}
		return Collections.unmodifiableMap(result);
	}

	@Override
	public Set<Entry<String, List<String>>> entrySet() {
		return built().entrySet();
	}

	@Override
	public List<String> get(Object key) {
		return built().get(key);
	}

	@Override
	public boolean containsKey(Object key) {
		return built().containsKey(key);
	}

	@Override
	public int size() {
		return built().size();
	}

	@Override
	public boolean equals(Object o) {
		return o == this || built().equals(o);
	}

	@Override
	public int hashCode() {
		return built().hashCode();
	}

	@Override
	public String toString() {
		return built().toString();
	}
}
