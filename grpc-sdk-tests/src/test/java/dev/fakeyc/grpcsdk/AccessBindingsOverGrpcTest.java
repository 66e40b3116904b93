package dev.fakeyc.grpcsdk;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.ServiceAccount;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import yandex.cloud.api.access.Access.AccessBinding.Builder;
import yandex.cloud.api.access.Access.AccessBindingAction;
import yandex.cloud.api.access.Access.AccessBindingDelta;
import yandex.cloud.api.access.Access.ListAccessBindingsRequest;
import yandex.cloud.api.access.Access.ListAccessBindingsResponse;
import yandex.cloud.api.access.Access.SetAccessBindingsMetadata;
import yandex.cloud.api.access.Access.SetAccessBindingsRequest;
import yandex.cloud.api.access.Access.Subject;
import yandex.cloud.api.access.Access.UpdateAccessBindingsMetadata;
import yandex.cloud.api.access.Access.UpdateAccessBindingsRequest;
import yandex.cloud.api.iam.v1.ServiceAccountServiceGrpc;
import yandex.cloud.api.operation.OperationOuterClass.Operation;
import yandex.cloud.api.organizationmanager.v1.OrganizationServiceGrpc;
import yandex.cloud.api.resourcemanager.v1.CloudServiceGrpc;
import yandex.cloud.api.resourcemanager.v1.FolderServiceGrpc;
import yandex.cloud.api.resourcemanager.v1.FolderServiceGrpc.FolderServiceBlockingStub;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceGrpc;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceGrpc.ExecutionServiceBlockingStub;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceOuterClass.StartExecutionRequest;
import yandex.cloud.sdk.ServiceFactory;
import yandex.cloud.sdk.auth.Auth;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 16's access-binding API over gRPC, through the official Java SDK unchanged (its generated blocking stubs via its
 * {@code ServiceFactory}): the same endpoints and role check as REST, in strict mode, where only explicit bindings count.
 * Runs on the SDK's grpc (1.43.2) and on the current one (module grpc-sdk-tests-grpc185).
 */
class AccessBindingsOverGrpcTest {
	private static final Duration TIMEOUT = Duration.ofSeconds(20);
	private FakeYandexCloud cloud;
	private ServiceAccount admin;
	private ServiceAccount worker;

	@BeforeAll
	static void trustTheFake() {
		FakeYandexCloud.trustGrpcCertificates();
	}

	@BeforeEach
	void start() {
		cloud = FakeYandexCloud.builder().accessMode(AccessMode.STRICT).grpc(0).build().start();
		admin = cloud.createServiceAccount();
		cloud.access().grant(AccessBinding.onOrganization(admin, "admin", cloud.access().organizationId()));
		worker = cloud.createServiceAccount();
	}

	@AfterEach
	void stop() {
		cloud.close();
	}

	private ServiceFactory as(ServiceAccount account) {
		IamToken token = cloud.issueIamToken(account);
		return ServiceFactory.builder().endpoint(cloud.grpcTarget()).requestTimeout(TIMEOUT)
				.credentialProvider(Auth.iamTokenBuilder().token(token.value()).build()).build();
	}

	private Builder binding(String role) {
		return yandex.cloud.api.access.Access.AccessBinding.newBuilder().setRoleId(role)
				.setSubject(Subject.newBuilder().setId(worker.id()).setType("serviceAccount"));
	}

	private ListAccessBindingsRequest list(String resourceId) {
		return ListAccessBindingsRequest.newBuilder().setResourceId(resourceId).build();
	}

	@Test
	void updateAddsARoleThatAllowsARefusedCallAndSetReplacesIt() throws Exception {
		FolderServiceBlockingStub folders = as(admin).create(FolderServiceBlockingStub.class, FolderServiceGrpc::newBlockingStub);
		ExecutionServiceBlockingStub executions = as(worker).create(ExecutionServiceBlockingStub.class, ExecutionServiceGrpc::newBlockingStub);
		StartExecutionRequest start = StartExecutionRequest.newBuilder().setWorkflowId("dfq0").build();
		assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> executions.start(start)).getStatus().getCode())
				.isEqualTo(Status.Code.PERMISSION_DENIED);

		Operation added = folders.updateAccessBindings(UpdateAccessBindingsRequest.newBuilder().setResourceId(worker.folderId())
				.addAccessBindingDeltas(AccessBindingDelta.newBuilder().setAction(AccessBindingAction.ADD).setAccessBinding(binding("serverless.workflows.executor")))
				.build());

		assertThat(added.getDone()).isTrue();
		assertThat(added.getCreatedBy()).isEqualTo(admin.id());
		assertThat(added.getMetadata().unpack(UpdateAccessBindingsMetadata.class).getResourceId()).isEqualTo(worker.folderId());
		ListAccessBindingsResponse listed = folders.listAccessBindings(list(worker.folderId()));
		assertThat(listed.getAccessBindingsList()).singleElement().satisfies(b -> {
			assertThat(b.getRoleId()).isEqualTo("serverless.workflows.executor");
			assertThat(b.getSubject().getId()).isEqualTo(worker.id());
			assertThat(b.getSubject().getType()).isEqualTo("serviceAccount");
		});
		assertThat(listed.getNextPageToken()).isEmpty();
		assertThat(executions.start(start)).isNotNull();
		assertThat(cloud.journal().last().orElseThrow().outcome()).isEqualTo(Outcome.ACCEPTED);

		Operation set = folders.setAccessBindings(SetAccessBindingsRequest.newBuilder().setResourceId(worker.folderId())
				.addAccessBindings(binding("viewer")).build());

		assertThat(set.getDone()).isTrue();
		assertThat(set.getMetadata().unpack(SetAccessBindingsMetadata.class).getResourceId()).isEqualTo(worker.folderId());
		assertThat(folders.listAccessBindings(list(worker.folderId())).getAccessBindingsList())
				.extracting(yandex.cloud.api.access.Access.AccessBinding::getRoleId).containsExactly("viewer");
		assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> executions.start(start)).getStatus().getCode())
				.isEqualTo(Status.Code.PERMISSION_DENIED);
	}

	@Test
	void aCallerWithoutTheAdminRoleIsRefusedWithTheCloudsMessage() {
		FolderServiceBlockingStub folders = as(worker).create(FolderServiceBlockingStub.class, FolderServiceGrpc::newBlockingStub);

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> folders.setAccessBindings(
				SetAccessBindingsRequest.newBuilder().setResourceId(worker.folderId()).addAccessBindings(binding("admin")).build()));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(e.getStatus().getDescription()).isEqualTo("Permission to [resource-manager.folder " + worker.folderId() + ", resource-manager.cloud "
				+ cloud.access().defaultCloudId() + ", organization-manager.organization " + cloud.access().organizationId() + "] denied");
		assertThat(cloud.access().bindings()).noneMatch(b -> b.subjectId().equals(worker.id()));
		assertThat(cloud.journal().last().orElseThrow().outcome()).isEqualTo(Outcome.REJECTED);
	}

	@Test
	void cloudsOrganizationsAndServiceAccountsAnswerTheSameApi() {
		ServiceFactory factory = as(admin);
		var clouds = factory.create(CloudServiceGrpc.CloudServiceBlockingStub.class, CloudServiceGrpc::newBlockingStub);
		var organizations = factory.create(OrganizationServiceGrpc.OrganizationServiceBlockingStub.class, OrganizationServiceGrpc::newBlockingStub);
		var accounts = factory.create(ServiceAccountServiceGrpc.ServiceAccountServiceBlockingStub.class, ServiceAccountServiceGrpc::newBlockingStub);
		String cloudId = cloud.access().defaultCloudId();

		clouds.updateAccessBindings(UpdateAccessBindingsRequest.newBuilder().setResourceId(cloudId)
				.addAccessBindingDeltas(AccessBindingDelta.newBuilder().setAction(AccessBindingAction.ADD).setAccessBinding(binding("ai.editor"))).build());
		accounts.setAccessBindings(SetAccessBindingsRequest.newBuilder().setResourceId(worker.id()).addAccessBindings(binding("viewer")).build());

		assertThat(clouds.listAccessBindings(list(cloudId)).getAccessBindingsList()).extracting(b -> b.getRoleId() + " " + b.getSubject().getId())
				.containsExactly("ai.editor " + worker.id());
		assertThat(accounts.listAccessBindings(list(worker.id())).getAccessBindingsList()).extracting(b -> b.getRoleId() + " " + b.getSubject().getId())
				.containsExactly("viewer " + worker.id());
		assertThat(organizations.listAccessBindings(list(cloud.access().organizationId())).getAccessBindingsList())
				.extracting(b -> b.getRoleId() + " " + b.getSubject().getId()).containsExactly("admin " + admin.id());
		StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () -> clouds.listAccessBindings(list("b1gnosuchcloud")));
		assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(unknown.getStatus().getDescription()).isEqualTo("Cloud b1gnosuchcloud not found");
	}
	@Test
	void theReportBindsEachCallsRoleOnTheResourceItActedOn() {
		ServiceFactory factory = as(admin);
		var clouds = factory.create(CloudServiceGrpc.CloudServiceBlockingStub.class, CloudServiceGrpc::newBlockingStub);
		var accounts = factory.create(ServiceAccountServiceGrpc.ServiceAccountServiceBlockingStub.class, ServiceAccountServiceGrpc::newBlockingStub);
		String cloudId = cloud.access().defaultCloudId();

		clouds.setAccessBindings(SetAccessBindingsRequest.newBuilder().setResourceId(cloudId).addAccessBindings(binding("ai.editor")).build());
		accounts.listAccessBindings(list(worker.id()));

		assertThat(cloud.accessReport().account(admin.id()).neededRoles()).containsExactly(
				new AccessBinding(admin.id(), "resource-manager.admin", AccessBinding.CLOUD, cloudId),
				new AccessBinding(admin.id(), "resource-manager.viewer", AccessBinding.SERVICE_ACCOUNT, worker.id()));
		assertThat(cloud.journal().requests(r -> r.subjectId().equals(admin.id()))).extracting(r -> r.resourceType() + " " + r.resourceId())
				.containsExactly("resource-manager.cloud " + cloudId, "iam.serviceAccount " + worker.id());
	}
}
