package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.Verdict;
import dev.fakeyc.server.internal.text.Excerpt;

import java.time.Instant;

/**
 * One journal entry as the request thread records it: the ingredients of a {@link RecordedRequest},
 * not the record. Most entries are never read (a load test reads none; a test reads a few), so the
 * strings that only a reader needs (the masked credential, the reason, the service and resource
 * names, the lower-cased, masked header map) are made on first read, once, and the record is kept.
 *
 * <p>It holds the raw {@code Authorization} value until then, as the request did; nothing it exposes
 * carries a whole secret.
 *
 * <p>Bounded: the path and query keep at most {@link #MAX_PATH_CHARS} characters each, the host
 * {@link #MAX_HOST_CHARS}, the headers as {@link MaskedHeaders} bounds them; a cut value ends with
 * {@link Excerpt#CUT_MARK}. {@link #estimatedBytes()} is what the journal counts against its byte
 * ceiling.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JournalEntry {
	private final Instant at;
	private final String requestId;
	private final String method;
	private final String path;
	private final String query;
	private final String host;
	private final MaskedHeaders headers;
	private final Credential credential;
	private final Route route; // null: no route matched
	private final Verdict verdict; // null: no route matched
	private final int status;
	private final String reasonOverride; // null: the verdict's reason (or the no-route text)
	private final RecordedRequest given; // an entry made from a finished record
	/** The most characters of the path, and of the query, an entry keeps. */
	public static final int MAX_PATH_CHARS = 2048;
	/** The most characters of the host an entry keeps. */
	public static final int MAX_HOST_CHARS = 256;
	/** The most characters of a reason or message an entry keeps. */
	public static final int MAX_REASON_CHARS = 2048;
	private static final int FIXED_BYTES = 320; // the entry, its strings' headers, the instant, the id

	private final int estimatedBytes;
	private long sequence = -1;
	private volatile RecordedRequest recorded;

	/**
	 * An entry made on the request thread from what it has at hand; the record is built on first read.
	 *
	 * @param reasonOverride the journal's reason in place of the verdict's, or null
	 */
	public JournalEntry(Instant at, String requestId, String method, String path, String query, String host, MaskedHeaders headers,
			Credential credential, Route route, Verdict verdict, int status, String reasonOverride) {
		this(at, requestId, method, path, query, host, headers, credential, route, verdict, status, reasonOverride, null);
	}

	private JournalEntry(RecordedRequest given) {
		this(null, null, null, null, null, null, null, null, null, null, 0, null, given);
	}

	private JournalEntry(Instant at, String requestId, String method, String path, String query, String host, MaskedHeaders headers,
			Credential credential, Route route, Verdict verdict, int status, String reasonOverride, RecordedRequest given) {
		this.at = at;
		this.requestId = requestId;
		this.method = Excerpt.of(method, 64);
		this.path = Excerpt.of(path, MAX_PATH_CHARS);
		this.query = Excerpt.of(query, MAX_PATH_CHARS);
		this.host = Excerpt.of(host, MAX_HOST_CHARS);
		this.headers = headers;
		// the mask of a long value is the mask of its mask: keep that, not a value of up to the whole header section
		this.credential = credential == null || credential.value().length() <= 64 ? credential
				: new Credential(credential.scheme(), credential.seen(), dev.fakeyc.server.Secret.mask(credential.value()));
		this.route = route;
		this.verdict = verdict;
		this.status = status;
		this.reasonOverride = reasonOverride;
		this.given = given;
		this.recorded = given;
		this.estimatedBytes = given != null ? estimate(given) : FIXED_BYTES + 2 * (length(this.path) + length(this.query) + length(this.host)
				+ length(credential == null ? null : credential.value()) + length(reasonOverride)) + (headers == null ? 0 : headers.estimatedBytes());
	}

	private static int length(String s) {
		return s == null ? 0 : s.length();
	}

	private static int estimate(RecordedRequest r) {
		long chars = length(r.path()) + length(r.query()) + length(r.host()) + length(r.reason()) + length(r.message());
		for (java.util.Map.Entry<String, java.util.List<String>> h : r.headers().entrySet()) {
			chars += h.getKey().length();
			for (String v : h.getValue()) {
				chars += v.length() + 48;
			}
		}
		return (int) Math.min(Integer.MAX_VALUE, FIXED_BYTES + 2 * chars);
	}

	/** About how many bytes of heap this entry holds (and will hold once its record is built). */
	public int estimatedBytes() {
		return estimatedBytes;
	}

	/** An entry for a record already built (a request recorded by other means than the request path). */
	public static JournalEntry of(RecordedRequest request) {
		return new JournalEntry(java.util.Objects.requireNonNull(request, "request must not be null"));
	}

	/** The same request with another final status and reason (a test's responder answered it). */
	public JournalEntry withStatus(int newStatus, String reason) {
		return new JournalEntry(at, requestId, method, path, query, host, headers, credential, route, verdict, newStatus, reason, null);
	}

	/** Its place in the journal's order; set once by the journal, before the entry is published. */
	public long sequence() {
		return sequence;
	}

	public void sequence(long value) {
		this.sequence = value;
	}

	/** The record, built on first call; every call returns the same one. */
	public RecordedRequest recorded() {
		RecordedRequest r = recorded;
		if (r == null) {
			// two readers may race to build it: both build equal records and one is kept
			r = build();
			recorded = r;
		}
		return r;
	}

	private RecordedRequest build() {
		if (route == null) {
			return new RecordedRequest(at, requestId, method, path, query, host, headers, credential.schemeName(), credential.masked(), "", "",
					"", "", Outcome.NO_ROUTE, status, "", Excerpt.of(reasonOverride != null ? reasonOverride : noRouteReason(), MAX_REASON_CHARS));
		}
		return new RecordedRequest(at, requestId, method, path, query, host, headers, credential.schemeName(), credential.masked(),
				verdict.subjectId(), verdict.folderId(), route.service().id(), route.resource().id(), verdict.outcome(), status,
				Excerpt.of(verdict.message(), MAX_REASON_CHARS), Excerpt.of(reasonOverride != null ? reasonOverride : verdict.reason(), MAX_REASON_CHARS));
	}

	private String noRouteReason() {
		return "no route of the catalog matches " + method + " " + path + (host.isEmpty() ? "" : " on host " + host);
	}

	@Override
	public String toString() {
		return given != null ? given.toString() : "JournalEntry[#" + sequence + " " + method + " " + path + " -> " + status + "]";
	}
}
