package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The services the fake knows, indexed for the request path: by host, then by the first path
 * segment, routes in order of specificity. Immutable.
 *
 * <p>A request is routed by its {@code Host} when that names a known service; otherwise by its
 * path among the services that are not host-only. A path whose first segment is a known host
 * ({@code /functions.yandexcloud.net/<id>}) is taken as addressed to that host: that is how a client
 * that can only change its base URL reaches host-routed services.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Catalog {
	private final List<Service> services;
	private final Set<String> scopes;
	private final Index byPath;
	private final Map<Service, Index> byService;
	// host lookup, precomputed: exact names in a hash map, "*.suffix" patterns as plain suffixes
	private final Map<String, List<Service>> byExactHost = new HashMap<>();
	private final Service[] suffixServices;
	private final String[] suffixes;
	private final Map<Service, Integer> order = new IdentityHashMap<>();
	// the gRPC front's index: full method name, service name (pkg.Service/*), and name prefixes (pkg.**), longest first
	private final Map<String, Route> grpcMethods = new HashMap<>();
	private final Map<String, Route> grpcServices = new HashMap<>();
	private final List<Map.Entry<String, Route>> grpcPrefixes = new ArrayList<>();
	// the last Host header routed and what it resolved to: a keep-alive client sends the same one every time (Undertow
	// even hands over the same String), so most requests skip the normalisation and the suffix scan
	private volatile HostLookup lastHost;

	// the last request routed (its host's lookup, path and method) and its match: a client that repeats a request (an
	// SDK polling one operation, a load test) skips the path's split and the route search; any other request pays one
	// string comparison. The catalog never changes (a new one replaces it), and a match is never modified, so it is shared
	private volatile LastMatch lastMatch;

	private record HostLookup(String header, String host, List<Service> services) {
	}

	private record LastMatch(HostLookup lookup, String path, String method, RouteMatch match) {
	}

	private Catalog(List<Route> routes) {
		Map<String, Service> seen = new LinkedHashMap<>();
		Set<String> scopeSet = new LinkedHashSet<>();
		for (Route r : routes) {
			seen.putIfAbsent(r.service().id(), r.service());
			scopeSet.addAll(r.resource().scopes());
		}
		this.services = List.copyOf(seen.values());
		this.scopes = Set.copyOf(scopeSet);
		// plain loops here and in the indexes, no streams or lambdas: the built-in catalog is built on the way to a cold
		// start's first answer, where each lambda and stream stage would spin or load classes
		List<Route> pathRoutes = new ArrayList<>();
		// identity: a record's hashCode would walk every component on each request
		Map<Service, List<Route>> serviceRoutes = new IdentityHashMap<>();
		for (Route r : routes) {
			if (!r.service().hostOnly()) {
				pathRoutes.add(r);
			}
			bucket(serviceRoutes, r.service()).add(r);
		}
		this.byPath = new Index(pathRoutes);
		this.byService = new IdentityHashMap<>();
		for (Service s : services) {
			byService.put(s, new Index(serviceRoutes.get(s)));
		}
		List<Service> suffixOwners = new ArrayList<>();
		List<String> suffixList = new ArrayList<>();
		for (Service s : services) {
			order.put(s, order.size());
			for (String pattern : s.hosts()) {
				if (pattern.startsWith("*.")) {
					suffixOwners.add(s);
					suffixList.add(pattern.substring(1));
				} else {
					List<Service> list = bucket(byExactHost, pattern);
					// a service named twice for one host was added last, by this loop; compared by identity, as a record's
					// equals would bootstrap the JDK's record methods at startup (about 0.1 s of a cold start)
					if (list.isEmpty() || list.get(list.size() - 1) != s) {
						list.add(s);
					}
				}
			}
		}
		this.suffixServices = suffixOwners.toArray(new Service[0]);
		this.suffixes = suffixList.toArray(new String[0]);
		indexGrpc(routes);
	}

	/**
	 * A stream spec's or a response's gRPC method to its route; each resource's gRPC patterns to the resource's streaming route if it has
	 * one, else its first. The first claim wins.
	 */
	private void indexGrpc(List<Route> routes) {
		// by identity, in catalog order (a resource is one object shared by its routes): a record's hashCode would
		// bootstrap the JDK's record methods at startup
		Map<Resource, Route> chosen = new IdentityHashMap<>();
		List<Resource> order = new ArrayList<>();
		for (Route r : routes) {
			if (r.resource().grpcMethods().isEmpty()) {
				continue;
			}
			Route current = chosen.get(r.resource());
			if (current == null) {
				order.add(r.resource());
			}
			if (current == null || (current.stream() == null && r.stream() != null)) {
				chosen.put(r.resource(), r);
			}
		}
		for (Route r : routes) {
			if (r.stream() != null && !r.stream().grpcMethod().isEmpty()) {
				grpcMethods.putIfAbsent(r.stream().grpcMethod(), r); // the route that streams this method
			}
			if (!r.response().grpcMethod().isEmpty()) {
				grpcMethods.putIfAbsent(r.response().grpcMethod(), r); // the route whose body is this method's message
			}
		}
		for (Resource resource : order) {
			Route route = chosen.get(resource);
			for (String pattern : resource.grpcMethods()) {
				if (pattern.endsWith(".**")) {
					String prefix = pattern.substring(0, pattern.length() - 2);
					if (!hasPrefix(prefix)) {
						grpcPrefixes.add(Map.entry(prefix, route));
					}
				} else if (pattern.endsWith("/*")) {
					grpcServices.putIfAbsent(pattern.substring(0, pattern.length() - 2), route);
				} else {
					grpcMethods.putIfAbsent(pattern, route);
				}
			}
		}
		grpcPrefixes.sort(new LongestPrefixFirst());
	}

	/**
	 * The list {@code key} maps to, made and put on first use: {@code computeIfAbsent} without its lambda, as the
	 * catalog is built on the way to a cold start's first answer.
	 */
	private static <K, V> List<V> bucket(Map<K, List<V>> map, K key) {
		List<V> list = map.get(key);
		if (list == null) {
			list = new ArrayList<>();
			map.put(key, list);
		}
		return list;
	}

	private boolean hasPrefix(String prefix) {
		for (Map.Entry<String, Route> e : grpcPrefixes) {
			if (e.getKey().equals(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** Longer {@code pkg.**} prefixes first: the longest matching one decides. */
	private static final class LongestPrefixFirst implements Comparator<Map.Entry<String, Route>> {
		@Override
		public int compare(Map.Entry<String, Route> a, Map.Entry<String, Route> b) {
			return Integer.compare(-a.getKey().length(), -b.getKey().length());
		}
	}

	/**
	 * The route that decides a gRPC call: the resource naming the method exactly, else the one naming its service
	 * ({@code pkg.Service/*}), else the one with the longest matching prefix ({@code pkg.**}); null when none does.
	 *
	 * @param fullMethodName {@code pkg.Service/Method}, as the call names it
	 * @return the route (its service and resource decide; its stream spec, if any, streams), or null
	 */
	public Route grpcRoute(String fullMethodName) {
		Route exact = grpcMethods.get(fullMethodName);
		if (exact != null) {
			return exact;
		}
		int slash = fullMethodName.indexOf('/');
		if (slash > 0) {
			Route service = grpcServices.get(fullMethodName.substring(0, slash));
			if (service != null) {
				return service;
			}
		}
		for (Map.Entry<String, Route> prefix : grpcPrefixes) {
			if (fullMethodName.startsWith(prefix.getKey())) {
				return prefix.getValue();
			}
		}
		return null;
	}

	/**
	 * The built-in catalog with a config's or test's services added: a service of {@code additions} replaces the
	 * built-in one of the same id. Without additions, the one built-in catalog of this class loader, built once and shared
	 * by every engine: a catalog is immutable once built (its Host cache is one volatile snapshot), and building the
	 * built-in one's indexes is most of an engine's construction (the embedded start, and the jar's cold start, where the
	 * preload thread builds it while picocli parses).
	 *
	 * @param additions routes of added or replacing services; empty for the built-in catalog alone
	 * @return the catalog
	 * @throws CatalogException if the built-in catalog in the jar cannot be read (a build defect)
	 */
	public static Catalog withBuiltIn(Collection<Route> additions) {
		return additions.isEmpty() ? BuiltIn.CATALOG : of(CatalogLoader.builtIn(), additions);
	}

	/** Holder: the shared built-in catalog is built on first use. */
	private static final class BuiltIn {
		static final Catalog CATALOG = new Catalog(new ArrayList<>(CatalogLoader.builtIn()));

		private BuiltIn() {
		}
	}

	/**
	 * Whether the catalog names {@code fullMethodName} itself, not only through a {@code pkg.Service/*} or
	 * {@code pkg.prefix.**} pattern: a resource's {@code grpc} list, a route's {@code stream.grpc} or {@code response.grpc}.
	 *
	 * @param fullMethodName {@code pkg.Service/Method}
	 * @return whether some entry names exactly that method
	 */
	public boolean namesGrpcMethodExactly(String fullMethodName) {
		return grpcMethods.containsKey(fullMethodName);
	}

	/** A catalog of these routes; the services of {@code overrides} replace same-named ones of {@code base}. */
	public static Catalog of(Collection<Route> base, Collection<Route> overrides) {
		Set<String> overridden = new LinkedHashSet<>();
		overrides.forEach(r -> overridden.add(r.service().id()));
		List<Route> all = new ArrayList<>(overrides);
		base.stream().filter(r -> !overridden.contains(r.service().id())).forEach(all::add);
		return new Catalog(all);
	}

	public List<Service> services() {
		return services;
	}

	/** The scopes any route of the catalog names. */
	public Set<String> scopes() {
		return scopes;
	}

	/** Finds the route for a request; {@link RouteMatch#route()} is null when none matches. */
	public RouteMatch match(String hostHeader, String path, String method) {
		HostLookup lookup = lastHost;
		if (lookup == null || (lookup.header != hostHeader && !java.util.Objects.equals(lookup.header, hostHeader))) {
			String normalized = normalizeHost(hostHeader);
			lookup = new HostLookup(hostHeader, normalized, servicesOf(normalized));
			lastHost = lookup;
		}
		LastMatch last = lastMatch;
		if (last != null && last.lookup == lookup && last.method.equals(method) && last.path.equals(path)) {
			return last.match;
		}
		RouteMatch match = match(lookup, path, method);
		lastMatch = new LastMatch(lookup, path, method, match);
		return match;
	}

	private RouteMatch match(HostLookup lookup, String requestPath, String method) {
		String path = requestPath;
		String host = lookup.host;
		List<Service> hostServices = lookup.services;
		String[] segments = PathTemplate.split(path);
		if (hostServices.isEmpty() && segments.length > 0 && segments[0].indexOf('.') > 0) {
			List<Service> aliased = servicesOf(segments[0].toLowerCase(Locale.ROOT));
			if (!aliased.isEmpty()) {
				host = segments[0].toLowerCase(Locale.ROOT);
				hostServices = aliased;
				path = path.substring(path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
				segments = java.util.Arrays.copyOfRange(segments, 1, segments.length);
				if (path.isEmpty()) {
					path = "/";
				}
			}
		}
		if (hostServices.isEmpty()) {
			return new RouteMatch(byPath.find(segments, method), host, path, segments);
		}
		for (Service s : hostServices) {
			Route r = byService.get(s).find(segments, method);
			if (r != null) {
				return new RouteMatch(r, host, path, segments);
			}
		}
		return new RouteMatch(null, host, path, segments);
	}

	/** The services that serve a host, in catalog order; what {@link Service#servesHost} says, without a scan. */
	private List<Service> servicesOf(String host) {
		if (host.isEmpty()) {
			return List.of();
		}
		List<Service> exact = byExactHost.getOrDefault(host, List.of());
		List<Service> found = null;
		for (int i = 0; i < suffixes.length; i++) {
			// "*.x" matches "a.x" but not ".x" itself, as Service.hostMatches
			if (host.length() > suffixes[i].length() && host.endsWith(suffixes[i])) {
				if (found == null) {
					found = new ArrayList<>(exact);
				}
				if (!found.contains(suffixServices[i])) {
					found.add(suffixServices[i]);
				}
			}
		}
		if (found == null) {
			return exact;
		}
		found.sort(Comparator.comparingInt(order::get));
		return found;
	}

	static String normalizeHost(String hostHeader) {
		if (hostHeader == null || hostHeader.isEmpty() || hostHeader.charAt(0) == '[') {
			return "";
		}
		int colon = hostHeader.indexOf(':');
		String host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
		return host.toLowerCase(Locale.ROOT);
	}

	/** Routes bucketed by first literal segment, most specific first. */
	private static final class Index {
		private final Map<String, Route[]> byFirst = new HashMap<>();
		private final Route[] wildcard;

		Index(List<Route> routes) {
			Comparator<Route> order = new MostSpecificFirst();
			Map<String, List<Route>> buckets = new HashMap<>();
			List<Route> wild = new ArrayList<>();
			for (Route r : routes) {
				String first = r.path().firstLiteral();
				if (first == null) {
					wild.add(r);
				} else {
					bucket(buckets, first).add(r);
				}
			}
			wild.sort(order);
			this.wildcard = wild.toArray(new Route[0]);
			for (Map.Entry<String, List<Route>> bucket : buckets.entrySet()) {
				List<Route> merged = new ArrayList<>(bucket.getValue());
				merged.addAll(wild);
				merged.sort(order);
				byFirst.put(bucket.getKey(), merged.toArray(new Route[0]));
			}
		}

		/** The more specific template first (a literal segment over a variable one; see {@link PathTemplate#specificity()}). */
		private static final class MostSpecificFirst implements Comparator<Route> {
			@Override
			public int compare(Route a, Route b) {
				return Integer.compare(-a.path().specificity(), -b.path().specificity());
			}
		}

		Route find(String[] segments, String method) {
			Route[] candidates = segments.length == 0 ? wildcard : byFirst.getOrDefault(segments[0], wildcard);
			for (Route r : candidates) {
				if (r.matchesMethod(method) && r.path().matches(segments)) {
					return r;
				}
			}
			return null;
		}
	}
}
