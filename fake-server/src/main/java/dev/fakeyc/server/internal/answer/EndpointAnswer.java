package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

import dev.fakeyc.server.StubResponse;

import java.util.Objects;

/**
 * What one of the fake's own endpoints (IAM token exchange, API key management, metadata…) answers:
 * the response to send and, when it refuses, the refusal typed — its gRPC code and message — so the
 * transport journals the rejection without reading its own error body back.
 *
 * @param response the response to send
 * @param grpcCode the refusal's gRPC code ({@link GrpcStatus#code()}); 0 when not refused or when the
 *                 cloud's answer has none (a plain-text refusal)
 * @param message  the refusal's message as the journal shows it; null when not refused
 * @param resourceType the resource of the hierarchy the request acted on, when the endpoint names one other than the
 *                     request's folder (the access-binding API: an {@link dev.fakeyc.server.AccessBinding} resource type,
 *                     or empty for none); null when it does not say (the journal shows the folder)
 * @param resourceId   that resource's id; null with {@code resourceType}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record EndpointAnswer(StubResponse response, int grpcCode, String message, String resourceType, String resourceId) {
	/** Checks the response. */
	public EndpointAnswer {
		Objects.requireNonNull(response, "response");
	}

	/** An answer that is no refusal. */
	public static EndpointAnswer ok(StubResponse response) {
		return new EndpointAnswer(response, GrpcStatus.OK.code(), null, null, null);
	}

	/**
	 * This answer, for a request that acted on a resource of the hierarchy: the journal records it
	 * ({@link dev.fakeyc.server.RecordedRequest#resourceType()}).
	 *
	 * @param type an {@link dev.fakeyc.server.AccessBinding} resource type, or empty when the request named none
	 * @param id   its id, or empty
	 * @return the same answer naming the resource
	 */
	public EndpointAnswer on(String type, String id) {
		return new EndpointAnswer(response, grpcCode, message, Objects.requireNonNull(type, "type"), Objects.requireNonNull(id, "id"));
	}

	/**
	 * A refusal: {@code response} is what the cloud sends (its status 4xx).
	 *
	 * @param grpcCode the gRPC code, or 0 for a refusal without one
	 * @param message  what the journal shows as the reason
	 */
	public static EndpointAnswer refused(StubResponse response, int grpcCode, String message) {
		return new EndpointAnswer(response, grpcCode, Objects.requireNonNull(message, "message"), null, null);
	}

	/**
	 * A refusal in the standard error style ({@code {"code","message","details":[RequestInfo]}}), JSON.
	 *
	 * @param requestId the request's id, for the body's {@code RequestInfo}
	 * @param status    the HTTP status, 4xx
	 * @param grpcCode  the gRPC code
	 * @param message   the message, as the client and the journal see it
	 */
	public static EndpointAnswer refusedInStandardStyle(String requestId, int status, int grpcCode, String message) {
		StubResponse response = StubResponse.builder().status(status).header("Content-Type", "application/json")
				.body(ErrorBodies.body(dev.fakeyc.server.internal.catalog.ErrorStyle.STANDARD, status, grpcCode, message, requestId)).build();
		return refused(response, grpcCode, message == null || message.isEmpty() ? response.bodyText() : message);
	}

	/** Whether the endpoint refused the request. */
	public boolean refused() {
		return message != null;
	}
}
