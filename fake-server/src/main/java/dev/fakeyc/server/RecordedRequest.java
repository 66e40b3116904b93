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
 * @param resourceType the type of the resource of the hierarchy the request acted on, as {@link AccessBinding#resourceType()}
 *                     names it: see {@link #resourceType()}
 * @param resourceId   that resource's id, or empty: see {@link #resourceId()}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RecordedRequest(Instant at, String requestId, String method, String path, String query, String host,
		Map<String, List<String>> headers, String scheme, String credential, String subjectId, String folderId,
		String service, String resource, Outcome outcome, int status, String message, String reason, String resourceType,
		String resourceId) {

	/**
	 * A request that acted in its folder, if any: {@link #resourceType()} is {@link AccessBinding#FOLDER} and
	 * {@link #resourceId()} the folder when {@code folderId} is not empty, else both are empty. The form of 0.1, for
	 * every request but the access-binding API's.
	 *
	 * @param at         when it arrived, on the fake's clock
	 * @param requestId  the request id sent back in {@code x-request-id}
	 * @param method     the HTTP method
	 * @param path       the path, without the query
	 * @param query      the query string, or empty
	 * @param host       the {@code Host} the client sent
	 * @param headers    the request headers, names in lower case, credentials masked
	 * @param scheme     the credential scheme seen, or empty
	 * @param credential the masked credential, or empty
	 * @param subjectId  the account the credential spoke for, or empty
	 * @param folderId   the folder the request named, or empty (null reads as empty)
	 * @param service    the catalog service matched, or empty
	 * @param resource   the catalog resource matched, or empty
	 * @param outcome    accepted, rejected, or no route
	 * @param status     the HTTP status sent
	 * @param message    the error message sent to the client, or empty when accepted
	 * @param reason     why the fake decided so
	 */
	public RecordedRequest(Instant at, String requestId, String method, String path, String query, String host,
			Map<String, List<String>> headers, String scheme, String credential, String subjectId, String folderId,
			String service, String resource, Outcome outcome, int status, String message, String reason) {
		this(at, requestId, method, path, query, host, headers, scheme, credential, subjectId, folderId, service, resource, outcome, status,
				message, reason, folderId == null || folderId.isEmpty() ? "" : AccessBinding.FOLDER, folderId == null ? "" : folderId);
	}

	/**
	 * The type of the resource of the hierarchy the request acted on: where a role that allows it must be bound
	 * (the role check judges that resource and what lies above it). For the access-binding API
	 * ({@code listAccessBindings}, {@code setAccessBindings}, {@code updateAccessBindings}, REST or gRPC) the resource
	 * the path or message names: {@link AccessBinding#FOLDER}, {@link AccessBinding#CLOUD},
	 * {@link AccessBinding#ORGANIZATION} or {@link AccessBinding#SERVICE_ACCOUNT}; for any other request
	 * {@link AccessBinding#FOLDER} when it acted in a folder ({@link #folderId()}).
	 *
	 * @return such as {@code resource-manager.cloud}; empty when the request acted on no resource of the hierarchy (no
	 *         route, no folder, or an access-binding call that named no resource), where the role check judges the
	 *         default cloud
	 * @since 0.2
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.2")
	@Override
	public String resourceType() {
		return resourceType;
	}

	/**
	 * The id of the resource of {@link #resourceType()}.
	 *
	 * @return the folder, cloud ({@code b1g…}), organization ({@code bpf…}) or service account ({@code aje…}) id; empty
	 *         when {@link #resourceType()} is
	 * @since 0.2
	 */
	@API(status = API.Status.EXPERIMENTAL, since = "0.2")
	@Override
	public String resourceId() {
		return resourceId;
	}

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
