package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Issue 16 over gRPC: the role check is the engine's, so the gRPC front refuses with PERMISSION_DENIED (7) and the same messages. */
class GrpcAuthorizationTest {
	private static final String COMPLETION = "yandex.cloud.ai.foundation_models.v1.TextGenerationService/Completion";
	private static final String IMAGE = "yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationAsyncService/Generate";

	private FakeYandexCloud cloud;
	private GrpcClient client;
	private ServiceAccount sa;
	private IamToken token;

	@BeforeEach
	void start() {
		cloud = FakeYandexCloud.builder().accessMode(AccessMode.STRICT).grpc(0).build().start();
		client = new GrpcClient(cloud);
		sa = cloud.createServiceAccount();
		token = cloud.issueIamToken(sa);
	}

	@AfterEach
	void stop() {
		client.close();
		cloud.close();
	}

	@Test
	void anAccountWithoutTheRoleIsRefusedWithTheHierarchyList() {
		byte[] request = new ProtoWriter().string(1, "gpt://" + sa.folderId() + "/yandexgpt/latest").toByteArray();

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.serverStreaming(COMPLETION, request, GrpcClient.metadata("Bearer " + token.value())));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(e.getStatus().getDescription()).isEqualTo("Permission to [resource-manager.folder " + sa.folderId() + ", resource-manager.cloud "
				+ cloud.access().defaultCloudId() + ", organization-manager.organization " + cloud.access().organizationId() + "] denied");
	}

	@Test
	void theRoleAllowsTheCall() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");
		byte[] request = new ProtoWriter().string(1, "gpt://" + sa.folderId() + "/yandexgpt/latest").toByteArray();

		assertThat(client.serverStreaming(COMPLETION, request, GrpcClient.metadata("Bearer " + token.value()))).isNotEmpty();
	}

	@Test
	void imageGenerationIsRefusedPerModel() {
		cloud.access().grantInFolder(sa, "ai.languageModels.user");
		byte[] request = new ProtoWriter().string(1, "art://" + sa.folderId() + "/yandex-art/latest").toByteArray();

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(IMAGE, request, GrpcClient.metadata("Bearer " + token.value())));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(e.getStatus().getDescription()).isEqualTo("Access to model art://yandex-art/latest denied");
	}
}
