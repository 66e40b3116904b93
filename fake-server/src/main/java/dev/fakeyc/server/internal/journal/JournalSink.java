package dev.fakeyc.server.internal.journal;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.decision.Credential;
import dev.fakeyc.server.internal.decision.Verdict;

import java.time.Instant;

/**
 * Where a transport's requests go to be journaled: an entry already made ({@link #append}), or the facts of a request
 * the transport has at hand ({@link #record}), which the journal may store without making an entry object at all
 * ({@link JournalRing} writes them into its slot).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public interface JournalSink {
	/**
	 * Journals an entry made by the caller; the entry must not be changed afterwards.
	 *
	 * @param entry the entry, never null
	 */
	void append(JournalEntry entry);

	/**
	 * Journals a request from its facts, as {@link JournalEntry#JournalEntry(Instant, String, String, String, String, String,
	 * MaskedHeaders.Source, Credential, Route, Verdict, int, String)} with no reason override would record it. Every
	 * argument is read during this call only. By default, makes that entry and {@linkplain #append appends} it.
	 *
	 * @param at         when the request arrived, on the fake's clock
	 * @param requestId  the request id sent in {@code x-request-id}
	 * @param method     the HTTP method
	 * @param path       the path as received
	 * @param query      the query string without {@code ?}, or empty
	 * @param host       the host the request named, or empty
	 * @param headers    the request's headers as received
	 * @param credential the credential parsed from the request, never null
	 * @param route      the matched route, or null when none matched
	 * @param verdict    the decision, or null when no route matched
	 * @param status     the HTTP status sent
	 */
	default void record(Instant at, String requestId, String method, String path, String query, String host, MaskedHeaders.Source headers,
			Credential credential, Route route, Verdict verdict, int status) {
		append(new JournalEntry(at, requestId, method, path, query, host, headers, credential, route, verdict, status, null));
	}
}
