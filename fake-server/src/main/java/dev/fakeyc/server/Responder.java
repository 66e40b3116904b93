package dev.fakeyc.server;

import org.apiguardian.api.API;

/**
 * Computes the response to an accepted request, for tests that need more than a fixed
 * {@link StubResponse}. It runs off the server's IO threads, so it may block briefly.
 *
 * <pre>{@code
 * cloud.stub("POST", "/translate/v2/translate",
 *         (request, body) -> StubResponse.json(200, "{\"translations\":[{\"text\":\"" + body.length() + "\"}]}"));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
@API(status = API.Status.STABLE, since = "0.1")
public interface Responder {
	/**
	 * @param request the request as the journal records it (credentials masked)
	 * @param body    the request body as UTF-8 text, empty if none
	 * @return the response to send
	 */
	StubResponse respond(RecordedRequest request, String body);
}
