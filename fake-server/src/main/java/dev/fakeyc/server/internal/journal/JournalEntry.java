package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.decision.Acceptance;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.Messages;
import dev.fakeyc.server.internal.decision.Verdict;
import dev.fakeyc.server.internal.text.Excerpt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One journal entry as the request thread records it: one small object and one byte array, not the
 * record. The journal holds thousands of entries, each for many young collections, so what it holds
 * per request is what the collector copies and promotes: here the time as two numbers, the matched
 * route (the catalog's own object), the status, and every string of the request in one array
 * ({@link EntryBytes}: the request id, method, path, query, host, the credential, the decision's
 * account, folder, message (one byte for one of the cloud's fixed messages) and reason, and the headers as received; for the few requests that name a resource of
 * the hierarchy other than their folder, that resource after them). Most entries are never read (a
 * load test reads none; a test reads a few), so the strings that only a reader needs (the masked
 * credential and headers, the lower-cased header map, the service and resource names) are made on
 * first read, once, and the record is kept.
 *
 * <p>Its bytes hold the raw {@code Authorization} value until then, as the request did; nothing it
 * exposes carries a whole secret.
 *
 * <p>Bounded: the path and query keep at most {@link #MAX_PATH_CHARS} characters each, the host
 * {@link #MAX_HOST_CHARS}, the reason and message {@link #MAX_REASON_CHARS}, the headers as
 * {@link MaskedHeaders} bounds them; a cut value ends with {@link Excerpt#CUT_MARK}.
 * {@link #estimatedBytes()} is what the journal counts against its byte ceiling: the record's size
 * once read.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JournalEntry {
	/** The most characters of the path, and of the query, an entry keeps. */
	public static final int MAX_PATH_CHARS = 2048;
	/** The most characters of the host an entry keeps. */
	public static final int MAX_HOST_CHARS = 256;
	/** The most characters of a reason or message an entry keeps. */
	public static final int MAX_REASON_CHARS = 2048;
	private static final int FIXED_BYTES = 320; // the entry, its strings' headers, the instant, the id
	private static final int NO_VERDICT = 0;
	private static final int VERDICT = 1;
	/** A verdict, and after the headers the resource the request acted on ({@link #actedOn}). */
	private static final int VERDICT_ON_RESOURCE = 2;
	/** The reason as text follows. */
	private static final int REASON_TEXT = 0;
	/** From here on, the reason as an {@link Acceptance}'s parts: this plus its form's ordinal, the kind, the key id. */
	private static final int REASON_PARTS = 1;
	/** The message as text follows; from here on, one of {@link #CLOUD_MESSAGES}: this plus its index. */
	private static final int MESSAGE_TEXT = 0;
	/**
	 * The cloud's fixed messages, which most refusals carry: an entry keeps the number of one (a byte), not its text.
	 * Found by identity, as the decision passes the constants themselves; an equal message built otherwise is kept as
	 * text, and reads back the same.
	 */
	private static final String[] CLOUD_MESSAGES = { Messages.NO_CREDENTIAL, Messages.TOKEN_INVALID, Messages.API_KEY_EXPIRED,
			Messages.USER_NEEDS_FOLDER, Messages.FOLDER_MISMATCH, Messages.PERMISSION_DENIED };
	private static final Acceptance.Form[] ACCEPTANCE_FORMS = Acceptance.Form.values();
	private static final Subject.Kind[] KINDS = Subject.Kind.values();
	private static final Credential.Scheme[] SCHEMES = Credential.Scheme.values();
	private static final Outcome[] OUTCOMES = Outcome.values();

	private final long epochSecond;
	private final int nano;
	private final byte[] data; // null for an entry made from a finished record
	private final Route route; // null: no route matched
	private final int status;
	private final String reasonOverride; // null: the verdict's reason (or the no-route text)
	private final int estimatedBytes;
	private long sequence = -1;
	private volatile RecordedRequest recorded;

	/**
	 * An entry made on the request thread from what it has at hand, written at once into its bytes; the record is
	 * built on first read. The verdict's reason is read here, once.
	 *
	 * @param at             when the request arrived, on the fake's clock
	 * @param headers        the request's headers as received; walked during this call only
	 * @param credential     the credential parsed from the request, never null
	 * @param route          the matched route, or null when none matched
	 * @param verdict        the decision, or null when no route matched
	 * @param status         the HTTP status sent
	 * @param reasonOverride the journal's reason in place of the verdict's, or null
	 */
	public JournalEntry(Instant at, String requestId, String method, String path, String query, String host, MaskedHeaders.Source headers,
			Credential credential, Route route, Verdict verdict, int status, String reasonOverride) {
		this.epochSecond = at.getEpochSecond();
		this.nano = at.getNano();
		this.route = route;
		this.status = status;
		this.reasonOverride = reasonOverride;
		EntryBytes out = EntryBytes.writer();
		this.estimatedBytes = encode(out, requestId, method, path, query, host, headers, credential, route, verdict) + 2 * length(reasonOverride);
		this.data = out.toByteArray();
	}

	/**
	 * An entry whose bytes a {@link JournalRing} slot held: {@code data} is the caller's copy, never written again.
	 */
	JournalEntry(long epochSecond, int nano, byte[] data, Route route, int status, int estimatedBytes) {
		this.epochSecond = epochSecond;
		this.nano = nano;
		this.data = data;
		this.route = route;
		this.status = status;
		this.reasonOverride = null;
		this.estimatedBytes = estimatedBytes;
	}

	/**
	 * Writes a request's strings into {@code out}, this thread's writer, in the order {@link #build()} reads them; the
	 * writer is emptied once the decision's strings are made (the verdict's reason is read here, once), so what it held
	 * before is gone.
	 *
	 * @return the entry's {@link #estimatedBytes()} without a reason override
	 */
	static int encode(EntryBytes out, String requestId, String method, String path, String query, String host, MaskedHeaders.Source headers,
			Credential credential, Route route, Verdict verdict) {
		String keptPath = Excerpt.of(path, MAX_PATH_CHARS);
		String keptQuery = Excerpt.of(query, MAX_PATH_CHARS);
		String keptHost = Excerpt.of(host, MAX_HOST_CHARS);
		String value = credential.value();
		boolean decided = route != null && verdict != null;
		// the decision's strings before the thread's writer is written: a reason not kept as parts is formatted by the
		// decision's own code
		String message = decided ? Excerpt.of(verdict.message(), MAX_REASON_CHARS) : null;
		Acceptance acceptance = decided ? keptAsParts(verdict) : null;
		String reason = decided && acceptance == null ? Excerpt.of(verdict.reason(), MAX_REASON_CHARS) : null;
		out.truncate(0);
		out.writeString(requestId).writeString(Excerpt.of(method, 64)).writeString(keptPath).writeString(keptQuery).writeString(keptHost);
		out.writeByte(credential.scheme().ordinal());
		if (value.length() <= 64) {
			out.writeString(value);
		} else {
			// the mask of a long value is the mask of its mask: keep that, not a value of up to the whole header section
			out.writeMasked(value);
		}
		if (!decided) {
			out.writeByte(NO_VERDICT);
		} else {
			int messageForm = cloudMessage(message);
			out.writeByte(VERDICT).writeByte(verdict.outcome().ordinal()).writeString(verdict.subjectId()).writeString(verdict.folderId())
					.writeByte(messageForm);
			if (messageForm == MESSAGE_TEXT) {
				out.writeString(message);
			}
			if (acceptance == null) {
				out.writeByte(REASON_TEXT).writeString(reason);
			} else {
				Subject.Kind kind = acceptance.kind();
				out.writeByte(REASON_PARTS + acceptance.form().ordinal()).writeByte(kind == null ? 0 : 1 + kind.ordinal())
						.writeString(acceptance.keyId());
			}
		}
		// the header source is the transport's own walk over its map: it writes nothing but through this call
		int headerBytes = MaskedHeaders.write(out, headers, credential);
		return FIXED_BYTES + 2 * (length(keptPath) + length(keptQuery) + length(keptHost) + value.length()) + headerBytes;
	}

	private JournalEntry(RecordedRequest given, int estimatedBytes) {
		this.epochSecond = 0;
		this.nano = 0;
		this.data = null;
		this.route = null;
		this.status = given.status();
		this.reasonOverride = null;
		this.recorded = given;
		this.estimatedBytes = estimatedBytes;
	}

	/**
	 * The entry a {@link JournalRing} keeps for a request it held as bytes, once read: the record alone (the slot keeps
	 * the bytes), counted as the slot counted the request.
	 */
	static JournalEntry readFromSlot(RecordedRequest recorded, int estimatedBytes) {
		return new JournalEntry(recorded, estimatedBytes);
	}

	private JournalEntry(JournalEntry of, byte[] data, int status, String reasonOverride, int moreBytes) {
		this.epochSecond = of.epochSecond;
		this.nano = of.nano;
		this.data = data; // never written after construction: shared
		this.route = of.route;
		this.status = status;
		this.reasonOverride = reasonOverride;
		this.estimatedBytes = of.estimatedBytes + 2 * (length(reasonOverride) - length(of.reasonOverride)) + moreBytes;
	}

	/**
	 * The decision's reason as parts when it is the procedure's own acceptance whose words the entry can make again on
	 * read exactly (its subject is the verdict's, an API key's id is short), else null: the reason is kept as text.
	 */
	private static Acceptance keptAsParts(Verdict verdict) {
		if (verdict.why() instanceof Acceptance a && a.subjectId().equals(verdict.subjectId())
				&& (a.keyId() == null || a.keyId().length() <= MAX_HOST_CHARS)) {
			return a;
		}
		return null;
	}

	/** {@link #MESSAGE_TEXT}, or the mark of one of {@link #CLOUD_MESSAGES}. */
	private static int cloudMessage(String message) {
		for (int i = 0; i < CLOUD_MESSAGES.length; i++) {
			if (CLOUD_MESSAGES[i] == message) {
				return MESSAGE_TEXT + 1 + i;
			}
		}
		return MESSAGE_TEXT;
	}

	private static int length(String s) {
		return s == null ? 0 : s.length();
	}

	private static int estimate(RecordedRequest r) {
		long chars = length(r.path()) + length(r.query()) + length(r.host()) + length(r.reason()) + length(r.message());
		for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
			chars += h.getKey().length();
			for (String v : h.getValue()) {
				chars += v.length() + 48;
			}
		}
		return (int) Math.min(Integer.MAX_VALUE, FIXED_BYTES + 2 * chars);
	}

	/**
	 * About how many bytes of heap this entry's record takes once built (what the journal's byte ceiling counts).
	 *
	 * @return the estimate in bytes
	 */
	public int estimatedBytes() {
		return estimatedBytes;
	}

	/**
	 * An entry for a record already built (a request recorded by other means than the request path).
	 *
	 * @throws NullPointerException for a null request
	 */
	public static JournalEntry of(RecordedRequest request) {
		RecordedRequest given = java.util.Objects.requireNonNull(request, "request must not be null");
		return new JournalEntry(given, estimate(given));
	}

	/**
	 * The same request with another final status and reason (a test's responder answered it); shares this entry's bytes.
	 *
	 * @param reason the journal's reason in place of the verdict's, or null for the verdict's
	 * @throws IllegalStateException for an entry made from a finished record
	 */
	public JournalEntry withStatus(int newStatus, String reason) {
		if (data == null) {
			throw new IllegalStateException("an entry made from a finished record keeps its status");
		}
		return new JournalEntry(this, data, newStatus, reason, 0);
	}

	/**
	 * The same request, recorded as acting on a resource of the hierarchy other than its folder (the access-binding
	 * API's folder, cloud, organization or service account, which its path or message names): what
	 * {@link RecordedRequest#resourceType()} and {@link RecordedRequest#resourceId()} show. Only such requests carry
	 * the resource in their bytes; every other entry shows its folder, or nothing.
	 *
	 * @param resourceType an {@link dev.fakeyc.server.AccessBinding} resource type, or empty when the request named no
	 *                     resource; null keeps this entry as it is
	 * @param resourceId   the resource's id, or empty
	 * @return a new entry (this one when {@code resourceType} is null or no route matched)
	 * @throws IllegalStateException for an entry made from a finished record, or one that already names its resource
	 */
	public JournalEntry actedOn(String resourceType, String resourceId) {
		if (data == null) {
			throw new IllegalStateException("an entry made from a finished record keeps its resource");
		}
		if (resourceType == null) {
			return this;
		}
		EntryBytes.Reader in = new EntryBytes.Reader(data);
		for (int i = 0; i < 5; i++) { // request id, method, path, query, host
			in.skipString();
		}
		in.readByte(); // the credential's scheme
		in.skipString(); // its value
		int marker = in.position();
		if (data[marker] == VERDICT_ON_RESOURCE) {
			throw new IllegalStateException("the entry already names the resource it acted on");
		}
		if (data[marker] == NO_VERDICT) {
			return this;
		}
		String type = Excerpt.of(resourceType, MAX_HOST_CHARS);
		String id = Excerpt.of(resourceId, MAX_HOST_CHARS);
		EntryBytes out = EntryBytes.writer();
		out.writeString(type).writeString(id);
		byte[] tail = out.toByteArray();
		byte[] next = java.util.Arrays.copyOf(data, data.length + tail.length);
		next[marker] = VERDICT_ON_RESOURCE;
		System.arraycopy(tail, 0, next, data.length, tail.length);
		return new JournalEntry(this, next, status, reasonOverride, 2 * (type.length() + id.length()) + 32);
	}

	/** Its place in the journal's order; set once by the journal, before the entry is published. */
	public long sequence() {
		return sequence;
	}

	/** Sets its place in the journal's order; called once, by the journal, before the entry is published. */
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
		EntryBytes.Reader in = new EntryBytes.Reader(data);
		Instant at = Instant.ofEpochSecond(epochSecond, nano);
		String requestId = in.readString();
		String method = in.readString();
		String path = in.readString();
		String query = in.readString();
		String host = in.readString();
		Credential credential = new Credential(SCHEMES[in.readByte()], "", in.readString());
		int marker = in.readByte();
		if (marker == NO_VERDICT) {
			Map<String, List<String>> headers = MaskedHeaders.read(in, credential);
			String reason = reasonOverride != null ? reasonOverride : noRouteReason(method, path, host);
			return new RecordedRequest(at, requestId, method, path, query, host, headers, credential.schemeName(), credential.masked(), "", "",
					"", "", Outcome.NO_ROUTE, status, "", Excerpt.of(reason, MAX_REASON_CHARS));
		}
		Outcome outcome = OUTCOMES[in.readByte()];
		String subjectId = in.readString();
		String folderId = in.readString();
		int messageForm = in.readByte();
		String message = messageForm == MESSAGE_TEXT ? in.readString() : CLOUD_MESSAGES[messageForm - MESSAGE_TEXT - 1];
		int reasonForm = in.readByte();
		String verdictReason;
		if (reasonForm == REASON_TEXT) {
			verdictReason = in.readString();
		} else {
			int kind = in.readByte();
			String keyId = in.readString();
			// the reason's words made again from its parts, cut as the words themselves were before they were kept as parts
			verdictReason = Excerpt.of(Acceptance.format(ACCEPTANCE_FORMS[reasonForm - REASON_PARTS], keyId, kind == 0 ? null : KINDS[kind - 1],
					subjectId, route.name(), credential.masked()), MAX_REASON_CHARS);
		}
		Map<String, List<String>> headers = MaskedHeaders.read(in, credential);
		String reason = reasonOverride != null ? Excerpt.of(reasonOverride, MAX_REASON_CHARS) : verdictReason;
		if (marker == VERDICT_ON_RESOURCE) {
			return new RecordedRequest(at, requestId, method, path, query, host, headers, credential.schemeName(), credential.masked(), subjectId,
					folderId, route.service().id(), route.resource().id(), outcome, status, message, reason, in.readString(), in.readString());
		}
		// the folder, if any: what the form without a resource shows
		return new RecordedRequest(at, requestId, method, path, query, host, headers, credential.schemeName(), credential.masked(), subjectId,
				folderId, route.service().id(), route.resource().id(), outcome, status, message, reason);
	}

	private static String noRouteReason(String method, String path, String host) {
		return "no route of the catalog matches " + method + " " + path + (host.isEmpty() ? "" : " on host " + host);
	}

	@Override
	public String toString() {
		if (data == null) {
			return recorded.toString();
		}
		EntryBytes.Reader in = new EntryBytes.Reader(data);
		in.readString(); // the request id
		return "JournalEntry[#" + sequence + " " + in.readString() + " " + in.readString() + " -> " + status + "]";
	}
}
