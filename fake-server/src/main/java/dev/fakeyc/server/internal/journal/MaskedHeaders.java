package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.text.Excerpt;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;

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
 * <p>Most journal entries are never read, so for a header section within those bounds the request
 * thread keeps the exchange's own request {@link HeaderMap} (no copy, no masking, no map) and the
 * map is built on first read. Undertow makes a new map for every request and nothing writes to it
 * once the request has been parsed (our handlers only read it). A section over the bounds is copied,
 * masked and cut at once, so the journal never holds a large header map.
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

	// the request's headers as received; dropped once the map is built
	private HeaderMap received;
	private volatile Map<String, List<String>> built;
	private final int estimatedBytes;

	private MaskedHeaders(HeaderMap received, Map<String, List<String>> built, int estimatedBytes) {
		this.received = received;
		this.built = built;
		this.estimatedBytes = estimatedBytes;
	}

	/**
	 * The journal's view of a request's headers: lower-cased names, the credential masked, bounded in count and size;
	 * built on first read from the exchange's own (never written after parsing) map.
	 */
	public static MaskedHeaders of(HeaderMap headers) {
		int count = 0;
		long chars = 0;
		boolean small = true;
		for (HeaderValues values : headers) {
			count += values.size();
			chars += values.getHeaderName().length();
			for (int i = 0; i < values.size(); i++) {
				int length = values.get(i).length();
				chars += length;
				small &= length <= MAX_VALUE_CHARS;
			}
		}
		small &= count <= MAX_HEADERS && chars <= MAX_TOTAL_CHARS;
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

	private static Map<String, List<String>> build(HeaderMap received) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		int kept = 0;
		int left = 0;
		long budget = MAX_TOTAL_CHARS;
		for (HeaderValues values : received) {
			String name = Excerpt.of(values.getHeaderName().toString().toLowerCase(Locale.ROOT), 128);
			boolean secret = SECRET.contains(name);
			List<String> list = null;
			for (String v : values) {
				if (kept >= MAX_HEADERS || budget <= 0) {
					left++;
					continue;
				}
				String shown = secret ? Credential.maskHeader(v) : v;
				shown = Excerpt.of(shown, (int) Math.min(MAX_VALUE_CHARS, budget));
				budget -= shown.length() + name.length();
				if (list == null) {
					list = result.computeIfAbsent(name, n -> new ArrayList<>(values.size()));
				}
				list.add(shown);
				kept++;
			}
		}
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
