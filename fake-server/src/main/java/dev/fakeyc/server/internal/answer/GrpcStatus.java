package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

/**
 * The gRPC status codes (google.rpc.Code, {@code grpc/grpc doc/statuscodes.md}), the one place the fake
 * names them: the {@code code}/{@code grpcCode} of every error body, the names Go's
 * {@code codes.Code.String()} writes in {@code rpc error: code = …} (SpeechKit v1, reference §9.1), and
 * what a gRPC transport will send as the status of a call.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum GrpcStatus {
	/** 0. */
	OK(0, "OK"),
	/** 1. */
	CANCELLED(1, "Canceled"),
	/** 2. */
	UNKNOWN(2, "Unknown"),
	/** 3: a malformed credential or request (HTTP 400). */
	INVALID_ARGUMENT(3, "InvalidArgument"),
	/** 4. */
	DEADLINE_EXCEEDED(4, "DeadlineExceeded"),
	/** 5: HTTP 404. */
	NOT_FOUND(5, "NotFound"),
	/** 6. */
	ALREADY_EXISTS(6, "AlreadyExists"),
	/** 7: HTTP 403. */
	PERMISSION_DENIED(7, "PermissionDenied"),
	/** 8: HTTP 429. */
	RESOURCE_EXHAUSTED(8, "ResourceExhausted"),
	/** 9. */
	FAILED_PRECONDITION(9, "FailedPrecondition"),
	/** 10. */
	ABORTED(10, "Aborted"),
	/** 11. */
	OUT_OF_RANGE(11, "OutOfRange"),
	/** 12. */
	UNIMPLEMENTED(12, "Unimplemented"),
	/** 13: HTTP 500. */
	INTERNAL(13, "Internal"),
	/** 14: HTTP 503. */
	UNAVAILABLE(14, "Unavailable"),
	/** 15. */
	DATA_LOSS(15, "DataLoss"),
	/** 16: no valid credential (HTTP 401). */
	UNAUTHENTICATED(16, "Unauthenticated");

	private static final GrpcStatus[] BY_CODE = values();

	private final int code;
	private final String goName;

	GrpcStatus(int code, String goName) {
		this.code = code;
		this.goName = goName;
	}

	/** The number, 0 to 16. */
	public int code() {
		return code;
	}

	/** The name as Go's {@code codes.Code.String()} writes it, such as {@code InvalidArgument}. */
	public String goName() {
		return goName;
	}

	/**
	 * The status with this number.
	 *
	 * @throws IllegalArgumentException outside 0 to 16
	 */
	public static GrpcStatus of(int code) {
		if (code < 0 || code >= BY_CODE.length) {
			throw new IllegalArgumentException("not a gRPC status code: " + code);
		}
		return BY_CODE[code];
	}

	/** Whether {@code code} is a gRPC status code (0 to 16). */
	public static boolean isCode(int code) {
		return code >= 0 && code < BY_CODE.length;
	}
}
