package dev.fakeyc.samples;

// tag::api-key-on-iam-only-resource[]
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.Scoped;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

// end::api-key-on-iam-only-resource[]

/** Workflows takes API keys on its Execution resource only. */
@WithFakeYandexCloud
class WorkflowsClientTest {
	@Test
	void startsAnExecutionWithAnApiKey(@FakeCloudUrl URI url, @Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key, ReceivedRequests requests) {
		WorkflowsClient workflows = new WorkflowsClient(url, Credentials.apiKey(key.value()));

		String executionId = workflows.start("dfq00000000000000000", "{\"order\":42}");

		assertThat(executionId).hasSize(20);
		assertThat(workflows.status(executionId)).isEqualTo("FINISHED");
		assertThat(requests).hasSize(2).allAccepted().hasRequestTo("serverless-workflows", "execution");
	}

	// tag::api-key-on-iam-only-resource[]
	@Test
	void listingWorkflowsWithAnApiKeyIsRefused(@FakeCloudUrl URI url, @Scoped(Scopes.WORKFLOWS_EXECUTE) ApiKey key, ServiceAccount sa,
			ReceivedRequests requests) {
		WorkflowsClient workflows = new WorkflowsClient(url, Credentials.apiKey(key.value()));

		YandexCloudException refused = catchThrowableOfType(YandexCloudException.class, () -> workflows.listWorkflows(sa.folderId()));

		assertThat(refused.httpStatus()).isEqualTo(401);
		assertThat(requests.last()).get().satisfies(r -> assertThat(r).isRejected().hasRoute("serverless-workflows", "workflow")
				.hasReasonContaining("does not accept API keys, only IAM tokens"));
	}
	// end::api-key-on-iam-only-resource[]

	@Test
	void listingWorkflowsWithAnIamTokenWorks(@FakeCloudUrl URI url, IamToken token, ServiceAccount sa) {
		WorkflowsClient workflows = new WorkflowsClient(url, Credentials.iamToken(token.value()));

		assertThat(workflows.listWorkflows(sa.folderId())).isEmpty();
	}
}
