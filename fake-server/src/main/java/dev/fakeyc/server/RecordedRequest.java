package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake received, with what it decided and why. Credentials in it are masked: the
 * {@code Authorization} header and {@link #credential()} show only {@code AQVN****ICtm}.
 *
 * @param at          when it arrived, on the fake's clock
 * @param requestId   the request id sent back in {@code x-request-id} (and in the error body)
 * @param method      the HTTP method
 * @param path        the path, without the query
 * @param query       the query string, or empty
 * @param host        the {@code Host} the client sent (or the host alias in the path)
 * @param headers     the request headers, names in lower case, credentials masked
 * @param scheme      the credential scheme seen: {@code Bearer}, {@code Api-Key}, or empty
 * @param credential  the masked credential, or empty
 * @param subjectId   the account the credential spoke for, or empty if none was established
 * @param folderId    the folder the request named, or empty
 * @param service     the catalog service matched, or empty
 * @param resource    the catalog resource matched, or empty
 * @param outcome     accepted, rejected, or no route
 * @param status      the HTTP status sent
 * @param message     the error message sent to the client, or empty when accepted
 * @param reason      why the fake decided so, for the test author
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RecordedRequest(Instant at, String requestId, String method, String path, String query, String host,
		Map<String, List<String>> headers, String scheme, String credential, String subjectId, String folderId,
		String service, String resource, Outcome outcome, int status, String message, String reason) {

	/**
	 * The first value of a header.
	 *
	 * @param name the header's name, matched case-insensitively
	 * @return its first value as received (a credential header as recorded, masked), or empty when absent
	 * @throws NullPointerException for a null name
	 */
	public Optional<String> header(String name) {
		List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
		return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	/**
	 * Which front received the request: {@code "grpc"} for a call on the gRPC front (recorded as {@code POST} to
	 * {@code /pkg.Service/Method}, with {@code content-type: application/grpc}), {@code "http"} for everything else.
	 *
	 * @return {@code "grpc"} or {@code "http"}
	 * @since 0.1
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.1")
	public String transport() {
		return header("content-type").filter(type -> type.startsWith("application/grpc")).isPresent() ? "grpc" : "http";
	}

	/**
	 * Whether the request was accepted.
	 *
	 * @return true when {@link #outcome()} is {@link Outcome#ACCEPTED}
	 */
	public boolean accepted() {
		return outcome == Outcome.ACCEPTED;
	}

	/**
	 * One line for a failure message, credentials masked.
	 *
	 * @return such as {@code POST /path [service/resource] Api-Key AQVN****ICtm (subject aje…) -> 401 REJECTED: reason}
	 */
	public String describe() {
		StringBuilder sb = new StringBuilder().append(method).append(' ').append(path);
		if (!service.isEmpty()) {
			sb.append(" [").append(service).append('/').append(resource).append(']');
		}
		sb.append(' ').append(scheme.isEmpty() ? "no credential" : scheme + " " + credential);
		if (!subjectId.isEmpty()) {
			sb.append(" (subject ").append(subjectId).append(')');
		}
		return sb.append(" -> ").append(status).append(' ').append(outcome).append(": ").append(reason).toString();
	}
}
