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
 */
final class MaskedHeaders extends AbstractMap<String, List<String>> {
	private static final Set<String> SECRET = Set.of("authorization", "x-yacloud-subjecttoken", "proxy-authorization", "cookie");

	// header name, then its value count, then its values; dropped once the map is built
	private Object[] received;
	private volatile Map<String, List<String>> built;

	private MaskedHeaders(Object[] received) {
		this.received = received;
	}

	static MaskedHeaders of(HeaderMap headers) {
		List<Object> copy = new ArrayList<>(headers.size() * 2);
		for (HeaderValues values : headers) {
			copy.add(values.getHeaderName().toString());
			copy.add(values.toArray(new String[values.size()]));
		}
		return new MaskedHeaders(copy.toArray());
	}

	private Map<String, List<String>> built() {
		Map<String, List<String>> map = built;
		return map != null ? map : build();
	}

	private synchronized Map<String, List<String>> build() {
		if (built == null) {
			Map<String, List<String>> result = new LinkedHashMap<>();
			for (int i = 0; i < received.length; i += 2) {
				String name = ((String) received[i]).toLowerCase(Locale.ROOT);
				boolean secret = SECRET.contains(name);
				String[] values = (String[]) received[i + 1];
				List<String> list = new ArrayList<>(values.length);
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
