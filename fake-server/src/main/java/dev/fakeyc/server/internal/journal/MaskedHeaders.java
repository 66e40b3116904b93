package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.text.Excerpt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers as the journal shows them: names in lower case, credential-bearing values
 * masked, in the order received; unmodifiable; bounded in size. Reading them never yields a whole
 * secret: only the built, masked map is exposed.
 *
 * <p>Bounds: at most {@link #MAX_HEADERS} headers, each value at most {@link #MAX_VALUE_CHARS}
 * characters and all values together at most {@link #MAX_TOTAL_CHARS}; a value over its share is
 * cut and ends with {@link Excerpt#CUT_MARK}, and headers left out are counted under the name
 * {@link #CUT_HEADER} (a name no HTTP/1.1 header can have).
 *
 * <p>Transport-neutral: the headers come from a {@link Source} (Undertow's request headers on the REST
 * front, the call's metadata on the gRPC front), walked once on the request thread. Most journal entries
 * are never read, so a header section within those bounds is kept as received, in the entry's bytes
 * ({@link #write}), and masked into the map on first read ({@link #read}); a section over the bounds is
 * masked and cut at once and its result kept, so an entry never holds a large header section.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MaskedHeaders {
	/** The most headers an entry keeps. */
	static final int MAX_HEADERS = 64;
	/** The most characters of one header value an entry keeps. */
	static final int MAX_VALUE_CHARS = 1024;
	/** The most characters of all header values together an entry keeps. */
	static final int MAX_TOTAL_CHARS = 8 * 1024;
	/** The pseudo-header that says how many headers were left out. */
	static final String CUT_HEADER = ":cut";

	private static final int AS_RECEIVED = 0;
	private static final int AS_SHOWN = 1;
	private static final int PAIR = 1;
	/**
	 * A pair whose value is exactly the entry's credential as sent in its usual form ({@code Bearer <value>},
	 * {@code Api-Key <value>}): only the name follows, and the value is made again from the entry's credential, whose
	 * mask is the value's mask (what the journal shows of it).
	 */
	private static final int CREDENTIAL_PAIR = 2;
	private static final int END = 0;

	private static final Set<String> SECRET = Set.of("authorization", "x-yacloud-subjecttoken", "proxy-authorization", "cookie",
			"x-api-key", "api-key", "x-goog-api-key", "set-cookie");

	/**
	 * A request's headers, as a transport holds them: every (name, value) pair in the order received, a name
	 * repeated for each of its values. Walked once on the request thread, and once more for a section over the
	 * bounds.
	 */
	@FunctionalInterface
	public interface Source {
		/**
		 * Calls {@code each} with every header value.
		 *
		 * @param each takes the header's name as received and one value
		 */
		void forEach(java.util.function.BiConsumer<String, String> each);

		/**
		 * The header value the entry's credential was parsed from, when the transport has it: a value {@link #forEach}
		 * passes that is this very object ({@code ==}) is that header, so the journal learns whether it is the credential
		 * in its usual form from its shape alone, without comparing a long token character by character.
		 *
		 * @return that value, or null (then each value is compared in full)
		 */
		default String credentialHeader() {
			return null;
		}
	}

	private MaskedHeaders() {
	}

	/**
	 * Writes the headers into an entry's bytes: as received when within the bounds, else masked and cut.
	 *
	 * @return the heap the headers' map takes once built, estimated in bytes
	 */
	static int write(EntryBytes out, Source headers, Credential credential) {
		int start = out.position();
		out.writeByte(AS_RECEIVED);
		Walk walk = out.headerWalk().start(credential, headers.credentialHeader());
		headers.forEach(walk);
		walk.finish();
		if (!walk.over) {
			out.writeByte(END);
			return estimate(walk.count, walk.chars);
		}
		out.truncate(start);
		out.writeByte(AS_SHOWN);
		Map<String, List<String>> cut = build(headers);
		long keptChars = 0;
		int kept = 0;
		for (Map.Entry<String, List<String>> e : cut.entrySet()) {
			keptChars += e.getKey().length();
			for (String v : e.getValue()) {
				keptChars += v.length();
				kept++;
				out.writeByte(PAIR).writeString(e.getKey()).writeString(v);
			}
		}
		out.writeByte(END);
		return estimate(kept, keptChars);
	}

	/**
	 * One walk of {@link #write} over a section's headers: writes each pair as received and counts values and
	 * characters; the section is over the bounds once either count is, or a value is. One per {@link EntryBytes}, reused
	 * by its thread (no allocation per request).
	 */
	static final class Walk implements java.util.function.BiConsumer<String, String> {
		private final EntryBytes out;
		long count;
		long chars;
		boolean over;
		// the credential's scheme as usually spelled, or null when it was sent otherwise (or not at all)
		private String scheme;
		private String value;
		// the header the credential was parsed from (Source.credentialHeader), and whether it is the usual form
		private String parsedFrom;
		private boolean parsedFromIsUsual;

		Walk(EntryBytes out) {
			this.out = out;
		}

		Walk start(Credential credential, String credentialHeader) {
			count = 0;
			chars = 0;
			over = false;
			String name = credential.schemeName();
			boolean usual = !name.isEmpty() && name.equals(credential.seen());
			scheme = usual ? name : null;
			value = usual ? credential.value() : null;
			parsedFrom = credentialHeader;
			// Credential.parse took the value after the scheme's word and its spaces, stripped: a header of exactly the
			// scheme, one space and the value's length is that form, and its tail is the value
			parsedFromIsUsual = credentialHeader != null && hasUsualShape(credentialHeader);
			return this;
		}

		/** Lets go of the request's credential: the walk is kept by its thread for the next request. */
		void finish() {
			value = null;
			parsedFrom = null;
		}

		private boolean hasUsualShape(String v) {
			return scheme != null && v.length() == scheme.length() + 1 + value.length() && v.startsWith(scheme) && v.charAt(scheme.length()) == ' ';
		}

		/** Whether {@code v} is exactly the scheme, one space and the credential's value. */
		private boolean isTheCredential(String v) {
			if (v == parsedFrom) {
				return parsedFromIsUsual;
			}
			return hasUsualShape(v) && v.endsWith(value);
		}

		@Override
		public void accept(String name, String value) {
			count++;
			chars += name.length() + value.length();
			if (!over) {
				if (count > MAX_HEADERS || chars > MAX_TOTAL_CHARS || value.length() > MAX_VALUE_CHARS) {
					over = true;
				} else {
					if (isTheCredential(value)) {
						out.writeByte(CREDENTIAL_PAIR).writeString(name);
					} else {
						out.writeByte(PAIR).writeString(name).writeString(value);
					}
				}
			}
		}
	}

	/**
	 * Reads what {@link #write} wrote: the map the journal shows, masked and bounded, unmodifiable.
	 *
	 * @param credential the entry's credential as it keeps it (its value, or the mask of a long one): the value of a
	 *                   {@link #CREDENTIAL_PAIR} is its scheme and that, which masks as the value sent did
	 */
	static Map<String, List<String>> read(EntryBytes.Reader in, Credential credential) {
		int form = in.readByte();
		List<String> pairs = new ArrayList<>();
		for (int kind = in.readByte(); kind != END; kind = in.readByte()) {
			pairs.add(in.readString());
			pairs.add(kind == CREDENTIAL_PAIR ? credential.schemeName() + " " + credential.value() : in.readString());
		}
		Source source = each -> {
			for (int i = 0; i < pairs.size(); i += 2) {
				each.accept(pairs.get(i), pairs.get(i + 1));
			}
		};
		if (form == AS_RECEIVED) {
			return build(source);
		}
		Map<String, List<String>> shown = new LinkedHashMap<>();
		source.forEach((name, value) -> shown.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value));
		shown.replaceAll((n, l) -> Collections.unmodifiableList(l));
		return Collections.unmodifiableMap(shown);
	}

	/** About what an entry's headers take on the heap: 2 bytes a character, and the objects around each header. */
	private static int estimate(long count, long chars) {
		return (int) Math.min(Integer.MAX_VALUE, 64 + 2 * chars + 96L * count);
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
}
