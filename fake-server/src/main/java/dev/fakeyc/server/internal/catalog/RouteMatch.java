package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/**
 * A route found for a request. The catalog hands the same match to a request that repeats the last one (same host
 * lookup, path and method), so a match, its segments included, is shared between requests and never modified.
 *
 * @param route    the route, or null if none matched
 * @param host     the host the request was taken to address (its {@code Host}, or the alias in its path)
 * @param path     the path as the service sees it (without a host alias)
 * @param segments {@code path} split at its slashes, as the match used it: kept so that stubs and
 *                 placeholders need not split the path again (shared, never modified)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record RouteMatch(Route route, String host, String path, String[] segments) {
}
