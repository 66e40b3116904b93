package dev.fakeyc.samples.sdk;

// tag::official-sdk[]
import dev.fakeyc.junit.FakeCloudGrpcTarget;
import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import yandex.cloud.api.resourcemanager.v1.FolderServiceGrpc;
import yandex.cloud.api.resourcemanager.v1.FolderServiceGrpc.FolderServiceBlockingStub;
import yandex.cloud.api.resourcemanager.v1.FolderServiceOuterClass.ListFoldersRequest;
import yandex.cloud.sdk.ServiceFactory;
import yandex.cloud.sdk.auth.Auth;
import yandex.cloud.sdk.auth.provider.CredentialProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

// end::official-sdk[]

/**
 * The README's guide "Testing code that uses the official SDK": the official Java SDK (java-sdk-services 2.14.0),
 * unchanged but for its endpoint, against the fake's gRPC front — an IAM token, a wrong one, and a service account's
 * key file exchanged over gRPC by the SDK's own JWT flow.
 */
// tag::official-sdk[]
@WithFakeYandexCloud(grpc = true) // serves gRPC over TLS too, and makes this JVM trust its certificate
class OfficialJavaSdkTest {
	private static final ListFoldersRequest LIST = ListFoldersRequest.newBuilder().setCloudId("b1gcloud00000000000").build();

	private static FolderServiceBlockingStub folders(String target, CredentialProvider credentials) {
		ServiceFactory factory = ServiceFactory.builder()
				.endpoint(target) // "127.0.0.1:PORT" where production has api.cloud.yandex.net:443
				.credentialProvider(credentials)
				.requestTimeout(Duration.ofSeconds(10))
				.build();
		return factory.create(FolderServiceBlockingStub.class, FolderServiceGrpc::newBlockingStub);
	}

	@Test
	void anIamTokenIsAcceptedAndAWrongOneRefused(@FakeCloudGrpcTarget String target, IamToken token) {
		assertThat(folders(target, Auth.iamTokenBuilder().token(token.value()).build()).list(LIST).getFoldersList()).isEmpty();

		StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
				() -> folders(target, Auth.iamTokenBuilder().token("t1.never-issued").build()).list(LIST));
		assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(refused).hasMessage("UNAUTHENTICATED: The token is invalid");
	}

	@Test
	void aServiceAccountKeyFileIsExchangedOverGrpc(@FakeCloudGrpcTarget String target, AuthorizedKey key, @TempDir Path dir) throws Exception {
		Path keyFile = Files.writeString(dir.resolve("key.json"), key.toKeyFile());
		CredentialProvider credentials = Auth.apiKeyBuilder().fromFile(keyFile)
				.cloudIAMEndpoint(target) // the SDK's JWT flow: IamTokenService/Create, at the fake
				.build();
		credentials.get(); // prewarm on the test thread: see "the SDK's deadlock hazard" below

		assertThat(folders(target, credentials).list(LIST).getFoldersList()).isEmpty();
	}
}
// end::official-sdk[]
