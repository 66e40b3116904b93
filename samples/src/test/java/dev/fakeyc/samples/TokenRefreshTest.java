package dev.fakeyc.samples;

// tag::token-refresh[]
import dev.fakeyc.junit.AttachedToMetadata;
import dev.fakeyc.junit.FakeCloudUrl;
import dev.fakeyc.junit.ReceivedRequests;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static dev.fakeyc.junit.FakeCloudAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

// end::token-refresh[]

/**
 * The token providers refresh before expiry, and after a 401, with the fake's clock moved instead of
 * waiting hours. Each test takes the FakeClock, so JUnit runs it alone on the class's server even with
 * parallel execution on, and its ReceivedRequests holds every request of its time — token exchanges
 * and metadata calls too, which carry no credential to attribute them by.
 */
@WithFakeYandexCloud
class TokenRefreshTest {
	// tag::token-refresh[]
	@Test
	void serviceAccountKeyProviderRefreshesBeforeTheTokenExpires(@FakeCloudUrl URI url, AuthorizedKey key, ServiceAccount sa, FakeClock clock,
			ReceivedRequests requests) {
		ServiceAccountKeyTokenProvider tokens = new ServiceAccountKeyTokenProvider(url, key.toKeyFile(), clock);
		WorkflowsClient workflows = new WorkflowsClient(url, Credentials.iamTokens(tokens));

		workflows.listWorkflows(sa.folderId());
		clock.advance(Duration.ofHours(11));
		workflows.listWorkflows(sa.folderId());
		clock.advance(Duration.ofMinutes(56)); // 4 minutes before the 12 h token expires: inside the refresh margin
		workflows.listWorkflows(sa.folderId());

		assertThat(tokens.fetchCount()).isEqualTo(2);
		assertThat(requests).hasNoUnknownRoutes().hasRequest("POST", "/iam/v1/tokens").allAccepted();
	}
	// end::token-refresh[]

	@Test
	void clientRecoversFromA401ByFetchingANewToken(@FakeCloudUrl URI url, AuthorizedKey key, ServiceAccount sa, FakeClock clock,
			FakeYandexCloud cloud, ReceivedRequests requests) {
		ServiceAccountKeyTokenProvider tokens = new ServiceAccountKeyTokenProvider(url, key.toKeyFile(), clock);
		WorkflowsClient workflows = new WorkflowsClient(url, Credentials.iamTokens(tokens));
		workflows.listWorkflows(sa.folderId());

		cloud.credentials().revoke(cloud.credentials().findIamToken(tokens.token()).orElseThrow()); // e.g. revoked by an operator
		workflows.listWorkflows(sa.folderId());

		assertThat(tokens.fetchCount()).isEqualTo(2);
		assertThat(requests).hasRejectionWithMessage("The token is invalid");
		assertThat(requests.last()).get().satisfies(r -> assertThat(r).isAccepted());
	}

	@Test
	void metadataProviderGetsTokensFromTheAttachedAccount(@FakeCloudUrl URI url, @AttachedToMetadata ServiceAccount sa, FakeClock clock,
			ReceivedRequests requests) {
		MetadataTokenProvider tokens = new MetadataTokenProvider(url.getAuthority(), clock);
		WorkflowsClient workflows = new WorkflowsClient(url, Credentials.iamTokens(tokens));

		assertThat(workflows.listWorkflows(sa.folderId())).isEmpty();
		assertThat(requests).hasRequest("GET", "/computeMetadata/v1/instance/service-accounts/default/token");
		assertThat(requests.last()).get().satisfies(r -> assertThat(r).isAccepted().hasSubject(sa.id()).hasRoute("serverless-workflows", "workflow"));
	}
}
