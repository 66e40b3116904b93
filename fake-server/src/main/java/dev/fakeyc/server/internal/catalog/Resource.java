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
 * @param grpcMethods    the gRPC methods this resource answers on the gRPC front: {@code pkg.Service/Method},
 *                       {@code pkg.Service/*} (every method of the service) or {@code pkg.prefix.**} (every method
 *                       whose full name starts with {@code pkg.prefix.}); see {@link Catalog#grpcRoute(String)}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Resource(String id, boolean apiKey, boolean apiKeyAsBearer, Set<String> scopes, boolean anonymous, java.util.List<String> grpcMethods) {
	/** Copies the collections. */
	public Resource {
		scopes = Set.copyOf(scopes);
		grpcMethods = java.util.List.copyOf(grpcMethods);
	}

	/**
	 * Whether one of this resource's gRPC patterns names a method: {@code pkg.Service/Method} itself,
	 * {@code pkg.Service/*} every method of the service, {@code pkg.prefix.**} every method under the prefix.
	 *
	 * @param fullMethodName {@code pkg.Service/Method}
	 * @return whether a pattern names it
	 */
	public boolean namesGrpcMethod(String fullMethodName) {
		for (String pattern : grpcMethods) {
			boolean named = pattern.endsWith(".**") ? fullMethodName.startsWith(pattern.substring(0, pattern.length() - 2))
					: pattern.endsWith("/*") ? fullMethodName.startsWith(pattern.substring(0, pattern.length() - 1))
					: fullMethodName.equals(pattern);
			if (named) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether one of this resource's gRPC patterns is {@code fullMethodName} itself (not a {@code /*} or {@code .**}
	 * pattern that covers it).
	 *
	 * @param fullMethodName {@code pkg.Service/Method}
	 * @return whether a pattern is exactly that method
	 */
	public boolean namesGrpcMethodExactly(String fullMethodName) {
		return grpcMethods.contains(fullMethodName);
	}

	/** A resource no gRPC method names. */
	public Resource(String id, boolean apiKey, boolean apiKeyAsBearer, Set<String> scopes, boolean anonymous) {
		this(id, apiKey, apiKeyAsBearer, scopes, anonymous, java.util.List.of());
	}
}
