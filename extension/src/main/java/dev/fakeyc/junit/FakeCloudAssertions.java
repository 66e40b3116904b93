package dev.fakeyc.junit;

import dev.fakeyc.server.RecordedRequest;

/**
 * AssertJ assertions on what the fake received. Failure messages list the requests that did arrive,
 * each with the fake's decision and its reason.
 *
 * <pre>{@code
 * import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
 *
 * assertThat(requests).hasSize(2).allAccepted().allWithScheme("Api-Key");
 * assertThat(requests.last().orElseThrow()).isRejected().hasMessage("The apikey has expired");
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeCloudAssertions {
	private FakeCloudAssertions() {
	}

	/** Assertions on a test's requests. */
	public static ReceivedRequestsAssert assertThat(ReceivedRequests actual) {
		return new ReceivedRequestsAssert(actual);
	}

	/** Assertions on one request. */
	public static RecordedRequestAssert assertThat(RecordedRequest actual) {
		return new RecordedRequestAssert(actual);
	}
}
