package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A refusal from a Yandex Cloud API, read from any of its error styles: the standard
 * {@code {"code","message","details"}}, the AI services' {@code {"error":{…}}}, or Prometheus'
 * {@code {"error":"…","status":"error"}}.
 */
public class YandexCloudException extends RuntimeException {
	private static final ObjectMapper JSON = new ObjectMapper();

	private final int httpStatus;
	private final int grpcCode;
	private final String requestId;

	public YandexCloudException(int httpStatus, int grpcCode, String message, String requestId) {
		super(httpStatus + (grpcCode > 0 ? "/" + grpcCode : "") + ": " + message + (requestId.isEmpty() ? "" : " (request " + requestId + ")"));
		this.httpStatus = httpStatus;
		this.grpcCode = grpcCode;
		this.requestId = requestId;
	}

	/** Reads an error response; a body that is not one of the known shapes keeps its text as the message. */
	public static YandexCloudException from(int httpStatus, String body, String requestIdHeader) {
		String requestId = requestIdHeader == null ? "" : requestIdHeader;
		JsonNode root;
		try {
			root = body == null || body.isBlank() ? null : JSON.readTree(body);
		} catch (IOException e) {
			root = null;
		}
		if (root == null || !root.isObject()) {
			return new YandexCloudException(httpStatus, 0, body == null ? "" : body, requestId);
		}
		JsonNode error = root.path("error");
		if (error.isObject()) {
			return new YandexCloudException(httpStatus, error.path("grpcCode").asInt(), error.path("message").asText(), requestId);
		}
		if (error.isTextual()) {
			return new YandexCloudException(httpStatus, 0, error.asText(), requestId);
		}
		return new YandexCloudException(httpStatus, root.path("code").asInt(), root.path("message").asText(), requestId);
	}

	public int httpStatus() {
		return httpStatus;
	}

	public int grpcCode() {
		return grpcCode;
	}

	/** The cloud's message alone, as a client compares it ("The token is invalid"). */
	public String cloudMessage() {
		String m = getMessage();
		int colon = m.indexOf(": ");
		int request = m.lastIndexOf(" (request ");
		return m.substring(colon + 2, request < 0 ? m.length() : request);
	}

	public String requestId() {
		return requestId;
	}

	/** Whether the credential was refused (401), the case where a client refreshes its token. */
	public boolean isUnauthenticated() {
		return httpStatus == 401;
	}
}
