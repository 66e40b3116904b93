package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StubResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The access-binding API over gRPC at the wire (the SDK round trips are in grpc-sdk-tests): the messages of
 * access/access.proto decoded by field number, bad messages refused with INVALID_ARGUMENT, a test's stub answering first.
 */
class GrpcAccessBindingsTest {
	private static final String UPDATE = "yandex.cloud.resourcemanager.v1.FolderService/UpdateAccessBindings";
	private static final String LIST = "yandex.cloud.resourcemanager.v1.FolderService/ListAccessBindings";

	private FakeYandexCloud cloud;
	private GrpcClient client;
	private ServiceAccount admin;
	private IamToken token;

	@BeforeEach
	void start() {
		cloud = FakeYandexCloud.builder().accessMode(AccessMode.STRICT).grpc(0).build().start();
		client = new GrpcClient(cloud);
		admin = cloud.createServiceAccount();
		cloud.access().grant(AccessBinding.onOrganization(admin, "admin", cloud.access().organizationId()));
		token = cloud.issueIamToken(admin);
	}

	@AfterEach
	void stop() {
		client.close();
		cloud.close();
	}

	/** {@code UpdateAccessBindingsRequest{resource_id=1, access_binding_deltas=2: {action=1, access_binding=2: {role_id=1, subject=2: {id=1, type=2}}}}}. */
	private byte[] update(String folderId, long action, String role) {
		ProtoWriter subject = new ProtoWriter().string(1, admin.id()).string(2, "serviceAccount");
		ProtoWriter delta = new ProtoWriter().int64(1, action).message(2, new ProtoWriter().string(1, role).message(2, subject));
		return new ProtoWriter().string(1, folderId).message(2, delta).toByteArray();
	}

	@Test
	void anAddDeltaIsDecodedByFieldNumberAndListedBack() throws Exception {
		client.unary(UPDATE, update(admin.folderId(), 1, "viewer"), GrpcClient.metadata("Bearer " + token.value()));

		assertThat(cloud.access().bindings()).contains(AccessBinding.onFolder(admin, "viewer", admin.folderId()));
		byte[] listed = client.unary(LIST, new ProtoWriter().string(1, admin.folderId()).toByteArray(), GrpcClient.metadata("Bearer " + token.value()));
		assertThat(ProtoReader.all(listed, 1)).singleElement().satisfies(b -> {
			assertThat(ProtoReader.string(b, new int[]{ 1 })).isEqualTo("viewer");
			assertThat(ProtoReader.string(b, new int[]{ 2, 1 })).isEqualTo(admin.id());
			assertThat(ProtoReader.string(b, new int[]{ 2, 2 })).isEqualTo("serviceAccount");
		});
	}

	@Test
	void aMissingResourceIdOrAnUnknownActionIsInvalidArgument() {
		StatusRuntimeException noId = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(UPDATE, update("", 1, "viewer"), GrpcClient.metadata("Bearer " + token.value())));
		StatusRuntimeException noAction = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(UPDATE, update(admin.folderId(), 0, "viewer"), GrpcClient.metadata("Bearer " + token.value())));

		assertThat(noId.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(noId.getStatus().getDescription()).isEqualTo("Validation failed:\n  - resource_id: Field is required");
		assertThat(noAction.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(noAction.getStatus().getDescription()).isEqualTo("Validation failed:\n  - access_binding_deltas[0].action: must be ADD or REMOVE");
		assertThat(cloud.access().bindings()).noneMatch(b -> b.roleId().equals("viewer"));
	}

	/** {@code SetAccessBindingsRequest{resource_id=1, access_bindings=2: {role_id=1, subject=2: {id=1, type=2}}}}. */
	private byte[] set(String resourceId, String subjectId, String role) {
		ProtoWriter subject = new ProtoWriter().string(1, subjectId).string(2, "serviceAccount");
		return new ProtoWriter().string(1, resourceId).message(2, new ProtoWriter().string(1, role).message(2, subject)).toByteArray();
	}

	@Test
	void theReportPlacesACallsRoleOnTheResourceItActedOnOverGrpc() throws Exception {
		ServiceAccount worker = cloud.createServiceAccount();
		cloud.access().grantInFolder(worker, "viewer");
		String cloudId = cloud.access().defaultCloudId();
		String orgId = cloud.access().organizationId();
		IamToken workerToken = cloud.issueIamToken(worker);

		client.unary("yandex.cloud.resourcemanager.v1.CloudService/SetAccessBindings", set(cloudId, worker.id(), "ai.editor"),
				GrpcClient.metadata("Bearer " + token.value()));
		StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary("yandex.cloud.organizationmanager.v1.OrganizationService/SetAccessBindings", set(orgId, worker.id(), "admin"),
						GrpcClient.metadata("Bearer " + workerToken.value())));

		assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(refused.getStatus().getDescription()).isEqualTo("Permission to [organization-manager.organization " + orgId + "] denied");
		AccessReport report = cloud.accessReport();
		assertThat(report.account(admin.id()).neededRoles()).containsExactly(AccessBinding.onCloud(admin, "resource-manager.admin", cloudId));
		assertThat(report.account(worker.id()).neededRoles()).containsExactly(AccessBinding.onOrganization(worker, "resource-manager.admin", orgId));
		assertThat(report.account(worker.id()).refused()).singleElement().satisfies(r -> {
			assertThat(r.path()).isEqualTo("/yandex.cloud.organizationmanager.v1.OrganizationService/SetAccessBindings");
			assertThat(r.resourceType() + " " + r.resourceId()).isEqualTo("organization-manager.organization " + orgId);
		});
		assertThat(cloud.journal().requests(r -> r.subjectId().equals(admin.id()))).singleElement()
				.satisfies(r -> assertThat(r.resourceType() + " " + r.resourceId()).isEqualTo("resource-manager.cloud " + cloudId));
	}

	@Test
	void anUnknownFolderIsNotFoundOverGrpc() {
		StatusRuntimeException set = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary("yandex.cloud.resourcemanager.v1.FolderService/SetAccessBindings", set("b1gnosuchfolder00001", admin.id(), "viewer"),
						GrpcClient.metadata("Bearer " + token.value())));
		StatusRuntimeException list = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(LIST, new ProtoWriter().string(1, "b1gnosuchfolder00001").toByteArray(), GrpcClient.metadata("Bearer " + token.value())));

		for (StatusRuntimeException e : java.util.List.of(set, list)) {
			assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
			assertThat(e.getStatus().getDescription()).isEqualTo("Folder b1gnosuchfolder00001 not found");
		}
		assertThat(cloud.access().bindings()).noneMatch(b -> b.resourceId().equals("b1gnosuchfolder00001"));
	}

	@Test
	void aSubjectTypeThatContradictsTheSubjectIsInvalidArgumentOverGrpc() {
		ProtoWriter subject = new ProtoWriter().string(1, admin.id()).string(2, "userAccount");
		byte[] asUser = new ProtoWriter().string(1, admin.folderId()).message(2, new ProtoWriter().int64(1, 1)
				.message(2, new ProtoWriter().string(1, "viewer").message(2, subject))).toByteArray();
		byte[] unknownType = new ProtoWriter().string(1, admin.folderId()).message(2, new ProtoWriter().string(1, "viewer")
				.message(2, new ProtoWriter().string(1, admin.id()).string(2, "robot"))).toByteArray();

		StatusRuntimeException contradiction = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(UPDATE, asUser, GrpcClient.metadata("Bearer " + token.value())));
		StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary("yandex.cloud.resourcemanager.v1.FolderService/SetAccessBindings", unknownType, GrpcClient.metadata("Bearer " + token.value())));

		assertThat(contradiction.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(contradiction.getStatus().getDescription()).isEqualTo("Validation failed:\n  - access_binding_deltas[0].access_binding.subject.type: subject "
				+ admin.id() + " is a serviceAccount, not a userAccount");
		assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(unknown.getStatus().getDescription()).isEqualTo("Validation failed:\n  - access_bindings[0].subject.type: must be one of userAccount, "
				+ "serviceAccount, federatedUser, system, group, invitee: 'robot'");
		assertThat(cloud.access().bindings()).noneMatch(b -> b.roleId().equals("viewer"));
	}

	@Test
	void aTestsStubAnswersBeforeTheApiAsOnRest() {
		cloud.stub("POST", "/" + UPDATE, StubResponse.json(503, "{\"code\":14,\"message\":\"try later\"}"));

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(UPDATE, update(admin.folderId(), 1, "viewer"), GrpcClient.metadata("Bearer " + token.value())));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(e.getStatus().getDescription()).isEqualTo("try later");
		assertThat(cloud.access().bindings()).noneMatch(b -> b.roleId().equals("viewer"));
	}
}
