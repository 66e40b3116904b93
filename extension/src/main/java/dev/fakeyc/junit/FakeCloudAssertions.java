package dev.fakeyc.junit;

import dev.fakeyc.server.RecordedRequest;

import org.apiguardian.api.API;

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
@API(status = API.Status.STABLE, since = "0.1")
public final class FakeCloudAssertions {
	private FakeCloudAssertions() {
	}

	/**
	 * Assertions on a test's requests.
	 *
	 * @param actual the requests of the current test (inject {@link ReceivedRequests})
	 * @return AssertJ assertions over them; a failure lists every request with its decision and reason
	 */
	public static ReceivedRequestsAssert assertThat(ReceivedRequests actual) {
		return new ReceivedRequestsAssert(actual);
	}

	/**
	 * Assertions on one request.
	 *
	 * @param actual a request from the journal, e.g. {@code requests.last().orElseThrow()}
	 * @return AssertJ assertions over it; a failure names the request with its decision and reason
	 */
	public static RecordedRequestAssert assertThat(RecordedRequest actual) {
		return new RecordedRequestAssert(actual);
	}
}
