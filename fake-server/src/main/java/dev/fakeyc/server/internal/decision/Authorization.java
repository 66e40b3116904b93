package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.catalog.Route;

/**
 * The stage after authentication: given a request the {@link Decider} accepted, whether its subject
 * may call the route (roles and bindings, issue 16). It sees only transport-neutral facts, so the
 * HTTP handler and a gRPC front share it. It runs only on accepted verdicts and returns the verdict
 * to answer with: the one it was given, or a refusal (a {@link Verdict} with {@link dev.fakeyc.server.Outcome#REJECTED}, such as 403 {@code Permission denied}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@FunctionalInterface
public interface Authorization {
	/** Every authenticated request may call every route: the fake's behaviour until issue 16. */
	Authorization ALLOW_AUTHENTICATED = (route, facts, authenticated) -> authenticated;

	/**
	 * Decides whether an authenticated request may go on.
	 *
	 * @param route         the route the request matched
	 * @param facts         the request's facts
	 * @param authenticated the {@link Decider}'s accepting verdict (subject, folder)
	 * @return {@code authenticated} to go on, or a rejecting verdict
	 */
	Verdict authorize(Route route, RequestFacts facts, Verdict authenticated);
}
