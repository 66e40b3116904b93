package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.internal.catalog.RequestFields;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.catalog.RouteRefusal;

import java.util.Objects;

/**
 * The decision stage of the request path, transport-neutral: authentication ({@link Decider}, the
 * reference's order) then {@link Authorization}. A transport turns its request into a
 * {@link Credential} and {@link RequestFacts}, calls {@link #decide}, and turns the {@link Verdict}
 * into its wire answer.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AccessCheck {
	private final Decider authentication;
	private final Authorization authorization;

	/**
	 * @param authentication the reference's decision procedure
	 * @param authorization  the stage after it; {@link Authorization#ALLOW_AUTHENTICATED} for none
	 */
	public AccessCheck(Decider authentication, Authorization authorization) {
		this.authentication = Objects.requireNonNull(authentication, "authentication");
		this.authorization = Objects.requireNonNull(authorization, "authorization");
	}

	/**
	 * The verdict on one request.
	 *
	 * @param route      the matched route
	 * @param credential the parsed {@code Authorization} header (or gRPC {@code authorization} metadata)
	 * @param facts      the request's other facts
	 * @return the authentication's refusal, or what authorization makes of its acceptance
	 */
	public Verdict decide(Route route, Credential credential, RequestFacts facts) {
		Verdict authenticated = authentication.decide(route, credential, facts);
		return authenticated.outcome() == Outcome.REJECTED ? authenticated : authorization.authorize(route, facts, authenticated);
	}

	/**
	 * The whole decision on a request: {@link #decide(Route, Credential, RequestFacts) authentication and
	 * authorization} on the facts read from {@code fields}, then the route's own refusals of body values (in the
	 * catalog's order), which only an accepted request reaches.
	 *
	 * @param route         the matched route
	 * @param credential    the parsed credential
	 * @param authorization the raw {@code Authorization} header (gRPC: metadata), or null
	 * @param fields        the request's values
	 * @return a rejection, or the acceptance
	 */
	public Verdict decide(Route route, Credential credential, String authorization, RequestFields fields) {
		Verdict verdict = decide(route, credential, RequestFacts.of(route, authorization, fields));
		if (verdict.outcome() == Outcome.REJECTED) {
			return verdict;
		}
		for (RouteRefusal refusal : route.refusals()) {
			if (refusal.equals().equals(fields.text(refusal.field()))) {
				return new Verdict(Outcome.REJECTED, refusal.status(), refusal.grpcCode(), refusal.message(),
						() -> "the route refuses " + refusal.field() + " '" + refusal.equals() + "': " + refusal.message(), verdict.subjectId(),
						verdict.folderId());
			}
		}
		return verdict;
	}
}
