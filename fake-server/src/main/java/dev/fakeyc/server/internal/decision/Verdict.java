package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.answer.GrpcStatus;
import dev.fakeyc.server.Outcome;

import java.util.function.Supplier;

/**
 * What the decision procedure concluded about one request.
 *
 * @param outcome    accepted or rejected
 * @param httpStatus the HTTP status to answer with (200 for accepted: the route decides)
 * @param grpcCode   the gRPC code of a rejection (16, 3, 7), or 0
 * @param message    the message the client sees, byte for byte as the real cloud sends it
 * @param why        why, in words for the test author (never a whole secret); see {@link #reason()}
 * @param subjectId  the account established, or empty
 * @param folderId   the folder the request is taken to act in, or empty
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Verdict(Outcome outcome, int httpStatus, int grpcCode, String message, Supplier<String> why, String subjectId,
		String folderId) {

	/**
	 * The reason in words. An accepted request's reason is formatted here, on first ask, not on the
	 * request thread: most journal entries are never read.
	 */
	public String reason() {
		return why.get();
	}

	static Verdict accept(Supplier<String> reason, String subjectId, String folderId) {
		return new Verdict(Outcome.ACCEPTED, 200, GrpcStatus.OK.code(), "", reason, subjectId, folderId);
	}

	static Verdict unauthenticated(String message, String reason, String subjectId) {
		return new Verdict(Outcome.REJECTED, 401, GrpcStatus.UNAUTHENTICATED.code(), message, () -> reason, subjectId, "");
	}

	static Verdict invalidArgument(String message, String reason, String subjectId, String folderId) {
		return new Verdict(Outcome.REJECTED, 400, GrpcStatus.INVALID_ARGUMENT.code(), message, () -> reason, subjectId, folderId);
	}

	static Verdict permissionDenied(String message, String reason, String subjectId, String folderId) {
		return new Verdict(Outcome.REJECTED, 403, GrpcStatus.PERMISSION_DENIED.code(), message, () -> reason, subjectId, folderId);
	}

	/**
	 * This accepted request refused after all by the one answering it (one of the fake's own endpoints, with the
	 * cloud's refusal), for the same subject and folder.
	 *
	 * @param status   the HTTP status of the refusal
	 * @param grpcCode its gRPC code
	 * @param message  its message, as the body carries it
	 * @return a rejection whose reason says the endpoint refused
	 */
	public Verdict refusedByEndpoint(int status, int grpcCode, String message) {
		return new Verdict(Outcome.REJECTED, status, grpcCode, message, () -> "the endpoint refused the request: " + message, subjectId, folderId);
	}
}
