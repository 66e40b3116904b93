package dev.fakeyc.junit;

import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Assertions on the requests one test made; see {@link FakeCloudAssertions}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ReceivedRequestsAssert extends AbstractAssert<ReceivedRequestsAssert, ReceivedRequests> {
	ReceivedRequestsAssert(ReceivedRequests actual) {
		super(actual, ReceivedRequestsAssert.class);
	}

	/**
	 * Exactly {@code count} requests.
	 *
	 * @param count the expected number of requests, 0 or more
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert hasSize(int count) {
		isNotNull();
		int n = actual.count();
		if (n != count) {
			failWithMessage("Expecting the fake Yandex Cloud to have received %d request(s) but it received %d:%n%s", count, n, actual.describe());
		}
		return myself;
	}

	/**
	 * No requests at all.
	 *
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert isEmpty() {
		return hasSize(0);
	}

	/**
	 * Every request accepted (and at least one made).
	 *
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert allAccepted() {
		return all(RecordedRequest::accepted, "to be accepted");
	}

	/**
	 * Every request rejected (and at least one made).
	 *
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert allRejected() {
		return all(r -> r.outcome() == Outcome.REJECTED, "to be rejected");
	}

	/**
	 * Every request sent with this scheme ({@code Bearer} or {@code Api-Key}).
	 *
	 * @param scheme the {@code Authorization} scheme, {@code Bearer} or {@code Api-Key} ({@code ""} for none), case-sensitive
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert allWithScheme(String scheme) {
		return all(r -> r.scheme().equals(scheme), "to carry the scheme '" + scheme + "'");
	}

	/**
	 * Every request from this account.
	 *
	 * @param subjectId the account id (service or user account), e.g. {@code ajeq...}
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert allFromSubject(String subjectId) {
		return all(r -> r.subjectId().equals(subjectId), "to come from subject '" + subjectId + "'");
	}

	/**
	 * At least one request reached this catalog service and resource (e.g. {@code "serverless-workflows", "execution"}).
	 *
	 * @param service  the catalog service name, e.g. {@code serverless-workflows}
	 * @param resource the catalog resource name, e.g. {@code execution}
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert hasRequestTo(String service, String resource) {
		return any(r -> r.service().equals(service) && r.resource().equals(resource), "a request to " + service + "/" + resource);
	}

	/**
	 * At least one request with this method and path.
	 *
	 * @param method the HTTP method, compared ignoring case
	 * @param path   the request path without the query, e.g. {@code /vpc/v1/networks}
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert hasRequest(String method, String path) {
		return any(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path), "a request " + method + " " + path);
	}

	/**
	 * At least one request rejected with exactly this message (the one the client saw).
	 *
	 * @param message the message, compared exactly
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert hasRejectionWithMessage(String message) {
		return any(r -> r.outcome() == Outcome.REJECTED && r.message().equals(message), "a request rejected with \"" + message + "\"");
	}

	/**
	 * No request hit an unknown route.
	 *
	 * @return this assertion, for chaining
	 * @throws AssertionError when the requests do not satisfy it (the message lists every request with its decision and reason)
	 */
	public ReceivedRequestsAssert hasNoUnknownRoutes() {
		return none(r -> r.outcome() == Outcome.NO_ROUTE, "request for which no route exists");
	}

	/**
	 * The least-privilege report over these requests names exactly these roles: every request
	 * that needed a role, allowed or refused for lacking it, is covered by them, and none is superfluous.
	 * Write "our service account needs exactly these roles" with it, and catch a role a change made
	 * necessary or unnecessary.
	 *
	 * @param roleIds the roles expected, such as {@code ai.languageModels.user}, in any order
	 * @return this assertion, for chaining
	 * @throws AssertionError when the report names other roles (the message shows the report and the requests)
	 */
	public ReceivedRequestsAssert neededOnlyRoles(String... roleIds) {
		isNotNull();
		AccessReport report = actual.accessReport();
		Set<String> needed = new TreeSet<>();
		report.accounts().forEach(a -> needed.addAll(a.roleIds()));
		Set<String> expected = new TreeSet<>(Arrays.asList(roleIds));
		if (!needed.equals(expected)) {
			failWithMessage("Expecting the requests to the fake Yandex Cloud to need exactly the roles %s but they needed %s:%n%s%nAll requests received:%n%s",
					expected, needed, report.describe(), actual.describe());
		}
		return myself;
	}

	private ReceivedRequestsAssert all(Predicate<RecordedRequest> condition, String what) {
		isNotNull();
		List<RecordedRequest> all = actual.all();
		if (all.isEmpty()) {
			failWithMessage("Expecting every request to the fake Yandex Cloud %s but it received none", what);
		}
		if (!all.stream().allMatch(condition)) {
			failWithMessage("Expecting every request to the fake Yandex Cloud %s but these were not:%n%s%nAll requests received:%n%s", what,
					lines(all.stream().filter(condition.negate()).toList()), actual.describe());
		}
		return myself;
	}

	private ReceivedRequestsAssert any(Predicate<RecordedRequest> condition, String what) {
		isNotNull();
		if (actual.all().stream().noneMatch(condition)) {
			failWithMessage("Expecting %s among the requests to the fake Yandex Cloud but there was none; it received:%n%s", what, actual.describe());
		}
		return myself;
	}

	private ReceivedRequestsAssert none(Predicate<RecordedRequest> condition, String what) {
		isNotNull();
		List<RecordedRequest> found = actual.matching(condition);
		if (!found.isEmpty()) {
			failWithMessage("Expecting no %s, but the fake Yandex Cloud received:%n%s", what, lines(found));
		}
		return myself;
	}

	private static String lines(List<RecordedRequest> requests) {
		StringBuilder sb = new StringBuilder();
		for (RecordedRequest r : requests) {
			if (sb.length() > 0) {
				sb.append(System.lineSeparator());
			}
			sb.append("  ").append(r.describe());
		}
		return sb.toString();
	}
}
