package dev.fakeyc.junit;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import java.util.Objects;

/**
 * Assertions on one request; see {@link FakeCloudAssertions}. Each failure shows the request with its
 * decision and reason.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class RecordedRequestAssert extends AbstractAssert<RecordedRequestAssert, RecordedRequest> {
	RecordedRequestAssert(RecordedRequest actual) {
		super(actual, RecordedRequestAssert.class);
	}

	/**
	 * The fake accepted the request (a 2xx from the route or its stub).
	 *
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert isAccepted() {
		return hasOutcome(Outcome.ACCEPTED);
	}

	/**
	 * The fake refused the request (401/403 with the cloud's message, or a refusal of its own endpoints).
	 *
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert isRejected() {
		return hasOutcome(Outcome.REJECTED);
	}

	/**
	 * The request ended with this outcome: accepted, rejected, or no route.
	 *
	 * @param outcome the expected outcome
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasOutcome(Outcome outcome) {
		return check(actual.outcome() == outcome, "to be " + outcome);
	}

	/**
	 * The fake answered with this HTTP status.
	 *
	 * @param status the expected HTTP status code, e.g. {@code 401}
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasStatus(int status) {
		return check(actual.status() == status, "to be answered with status " + status);
	}

	/**
	 * The message the client saw, byte for byte.
	 *
	 * @param message the message, compared exactly
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasMessage(String message) {
		return check(Objects.equals(actual.message(), message), "to be answered with the message \"" + message + "\"");
	}

	/**
	 * The request carried this {@code Authorization} scheme: {@code Bearer} or {@code Api-Key} (empty: none).
	 *
	 * @param scheme the {@code Authorization} scheme, {@code Bearer} or {@code Api-Key} ({@code ""} for none), case-sensitive
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasScheme(String scheme) {
		return check(actual.scheme().equals(scheme), "to carry the scheme '" + scheme + "'");
	}

	/**
	 * The request's credential belongs to this account id.
	 *
	 * @param subjectId the account id (service or user account), e.g. {@code ajeq...}
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasSubject(String subjectId) {
		return check(actual.subjectId().equals(subjectId), "to come from subject '" + subjectId + "'");
	}

	/**
	 * The request reached this catalog service and resource, e.g. {@code "serverless-workflows", "execution"}.
	 *
	 * @param service  the catalog service name, e.g. {@code serverless-workflows}
	 * @param resource the catalog resource name, e.g. {@code execution}
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasRoute(String service, String resource) {
		return check(actual.service().equals(service) && actual.resource().equals(resource), "to reach " + service + "/" + resource);
	}

	/**
	 * The fake's reason for its decision (for the test author, not sent to the client) contains {@code text}.
	 *
	 * @param text the text to find, case-sensitive
	 * @return this assertion, for chaining
	 * @throws AssertionError when the request does not satisfy it (the message describes the request)
	 */
	public RecordedRequestAssert hasReasonContaining(String text) {
		return check(actual.reason().contains(text), "to have a reason containing \"" + text + "\"");
	}

	private RecordedRequestAssert check(boolean condition, String what) {
		isNotNull();
		if (!condition) {
			failWithMessage("Expecting the request%n  %s%n%s", actual.describe(), what);
		}
		return myself;
	}
}
