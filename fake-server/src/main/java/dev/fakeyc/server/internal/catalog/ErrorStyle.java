package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/** How a service writes its errors (reference §4.2). */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum ErrorStyle {
	/** Transcoded APIs: {@code {"code","message","details":[RequestInfo]}}. */
	STANDARD,
	/** AI Studio, Vision and OCR REST: {@code {"error":{"grpcCode","httpCode","message","httpStatus","details"}}}. */
	AI,
	/** Monitoring's Prometheus remote API: {@code {"error","errorType","status"}}. */
	PROMETHEUS,
	/**
	 * SpeechKit v1 REST: {@code {"error_code":"UNAUTHORIZED","error_message":"rpc error: code = Unauthenticated desc = …"}}
	 * (reference §9.1).
	 */
	SPEECHKIT_V1
}
