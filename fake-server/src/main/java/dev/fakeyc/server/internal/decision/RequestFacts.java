package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

/**
 * What the decision needs to know of a request besides its route.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param folderId      the folder the request names explicitly (header, query, body field), or empty
 * @param uriFolderId   the folder a model URI names ({@code gpt://<folder>/…}), or empty
 * @param modelUri      the model URI as sent ({@code art://<folder>/yandex-art/latest}), or empty; the per-model 403 names it
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record RequestFacts(String authorization, String folderId, String uriFolderId, String modelUri) {
	/** Facts of a request that names no model. */
	public RequestFacts(String authorization, String folderId, String uriFolderId) {
		this(authorization, folderId, uriFolderId, "");
	}

	/** The header's scheme word whole and its value masked (first 4 + {@code ****} + last 4): it holds a secret. */
	@Override
	public String toString() {
		String shown;
		if (authorization == null) {
			shown = "none";
		} else {
			int space = authorization.indexOf(' ');
			shown = space < 0 ? dev.fakeyc.server.Secret.mask(authorization)
					: dev.fakeyc.server.internal.text.Excerpt.of(authorization.substring(0, space), 16) + " " + dev.fakeyc.server.Secret.mask(authorization.substring(space + 1));
		}
		return "RequestFacts[authorization=" + shown + ", folderId=" + folderId + ", uriFolderId=" + uriFolderId + ", modelUri=" + dev.fakeyc.server.internal.text.Excerpt.of(modelUri, 128) + "]";
	}
}
