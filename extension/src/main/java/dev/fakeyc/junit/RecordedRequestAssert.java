package dev.fakeyc.junit;

import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import org.assertj.core.api.AbstractAssert;

import java.util.Objects;

/**
 * Assertions on one request; see {@link FakeCloudAssertions}. Each failure shows the request with its
 * decision and reason.
 *
 * @since 0.1
 */
public final class RecordedRequestAssert extends AbstractAssert<RecordedRequestAssert, RecordedRequest> {
	RecordedRequestAssert(RecordedRequest actual) {
		super(actual, RecordedRequestAssert.class);
	}

	public RecordedRequestAssert isAccepted() {
		return hasOutcome(Outcome.ACCEPTED);
	}

	public RecordedRequestAssert isRejected() {
		return hasOutcome(Outcome.REJECTED);
	}

	public RecordedRequestAssert hasOutcome(Outcome outcome) {
		return check(actual.outcome() == outcome, "to be " + outcome);
	}

	public RecordedRequestAssert hasStatus(int status) {
		return check(actual.status() == status, "to be answered with status " + status);
	}

	/** The message the client saw, byte for byte. */
	public RecordedRequestAssert hasMessage(String message) {
		return check(Objects.equals(actual.message(), message), "to be answered with the message \"" + message + "\"");
	}

	public RecordedRequestAssert hasScheme(String scheme) {
		return check(actual.scheme().equals(scheme), "to carry the scheme '" + scheme + "'");
	}

	public RecordedRequestAssert hasSubject(String subjectId) {
		return check(actual.subjectId().equals(subjectId), "to come from subject '" + subjectId + "'");
	}

	public RecordedRequestAssert hasRoute(String service, String resource) {
		return check(actual.service().equals(service) && actual.resource().equals(resource), "to reach " + service + "/" + resource);
	}

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
