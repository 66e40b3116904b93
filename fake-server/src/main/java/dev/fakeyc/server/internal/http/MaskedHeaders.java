package dev.fakeyc.server.internal.http;

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
 * masked, in the order received; unmodifiable. Most journal entries are never read, so the request
 * thread only copies the header strings (no case conversion, no masking, no map); the map is built
 * on first read. Reading it never yields a whole secret: only the built, masked map is exposed.
 *
 * <p>Until then it holds the exchange's own request {@link HeaderMap}, not a copy: Undertow makes a
 * new map for every request and nothing writes to it once the request has been parsed (our handlers
 * only read it), so the journal can keep it. The entry is published to readers through the journal's
 * volatile slot, which makes the parser's writes visible to them.
 */
final class MaskedHeaders extends AbstractMap<String, List<String>> {
	private static final Set<String> SECRET = Set.of("authorization", "x-yacloud-subjecttoken", "proxy-authorization", "cookie");

	// the request's headers as received; dropped once the map is built
	private HeaderMap received;
	private volatile Map<String, List<String>> built;

	private MaskedHeaders(HeaderMap received) {
		this.received = received;
	}

	static MaskedHeaders of(HeaderMap headers) {
		return new MaskedHeaders(headers);
	}

	private Map<String, List<String>> built() {
		Map<String, List<String>> map = built;
		return map != null ? map : build();
	}

	private synchronized Map<String, List<String>> build() {
		if (built == null) {
			Map<String, List<String>> result = new LinkedHashMap<>();
			for (HeaderValues values : received) {
				String name = values.getHeaderName().toString().toLowerCase(Locale.ROOT);
				boolean secret = SECRET.contains(name);
				List<String> list = new ArrayList<>(values.size());
				for (String v : values) {
					list.add(secret ? FakeHttpHandler.maskAuthorization(v) : v);
				}
				result.put(name, Collections.unmodifiableList(list));
			}
			built = Collections.unmodifiableMap(result);
			received = null;
		}
		return built;
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
