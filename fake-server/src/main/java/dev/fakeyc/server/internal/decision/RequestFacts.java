package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

/**
 * What the decision needs to know of a request besides its route.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param folderId      the folder the request names explicitly (header, query, body field), or empty
 * @param uriFolderId   the folder a model URI names ({@code gpt://<folder>/…}), or empty
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record RequestFacts(String authorization, String folderId, String uriFolderId) {
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
		return "RequestFacts[authorization=" + shown + ", folderId=" + folderId + ", uriFolderId=" + uriFolderId + "]";
	}
}
