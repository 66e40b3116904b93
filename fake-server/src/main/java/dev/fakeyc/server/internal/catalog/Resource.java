package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.util.Set;

/**
 * A group of routes that share an authentication rule.
 *
 * @param id             the resource's name in the catalog
 * @param apiKey         whether {@code Api-Key} credentials are accepted
 * @param apiKeyAsBearer whether an API key is also accepted as {@code Bearer} (OpenAI-compatible
 *                       endpoints, Prometheus {@code bearer_token})
 * @param scopes         the scopes any one of which unlocks these routes for an API key
 * @param anonymous      whether no credential is needed at all
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Resource(String id, boolean apiKey, boolean apiKeyAsBearer, Set<String> scopes, boolean anonymous) {
	public Resource {
		scopes = Set.copyOf(scopes);
	}
}
