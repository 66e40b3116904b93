package dev.fakeyc.grpcsdk;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.UserAccount;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import yandex.cloud.api.ai.foundation_models.v1.TextCommon;
import yandex.cloud.api.ai.foundation_models.v1.TextGenerationServiceGrpc;
import yandex.cloud.api.ai.foundation_models.v1.TextGenerationServiceOuterClass.CompletionRequest;
import yandex.cloud.api.ai.foundation_models.v1.TextGenerationServiceOuterClass.CompletionResponse;
import yandex.cloud.api.operation.OperationOuterClass.Operation;
import yandex.cloud.api.resourcemanager.v1.FolderServiceGrpc;
import yandex.cloud.api.resourcemanager.v1.FolderServiceGrpc.FolderServiceBlockingStub;
import yandex.cloud.api.resourcemanager.v1.FolderServiceOuterClass.CreateFolderRequest;
import yandex.cloud.api.resourcemanager.v1.FolderServiceOuterClass.ListFoldersRequest;
import yandex.cloud.api.resourcemanager.v1.FolderServiceOuterClass.ListFoldersResponse;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceGrpc;
import yandex.cloud.api.serverless.workflows.v1.ExecutionOuterClass;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceOuterClass.GetExecutionHistoryRequest;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceOuterClass.GetExecutionRequest;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceOuterClass.StartExecutionRequest;
import yandex.cloud.api.serverless.workflows.v1.ExecutionServiceOuterClass.StopExecutionRequest;
import yandex.cloud.api.serverless.workflows.v1.WorkflowServiceGrpc;
import yandex.cloud.api.serverless.workflows.v1.WorkflowServiceOuterClass.ListWorkflowsRequest;
import yandex.cloud.sdk.ServiceFactory;
import yandex.cloud.sdk.auth.Auth;
import yandex.cloud.sdk.auth.provider.CredentialProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The official Yandex Cloud Java SDK ({@code com.yandex.cloud:java-sdk-services} 2.14.0), unchanged except for its
 * endpoint ({@code endpoint(fake.grpcTarget())}, {@code cloudIAMEndpoint(fake.grpcTarget())}) and the JVM's trust in
 * the fake's certificate, against the gRPC front: discovery, the IAM exchange, the decision and the answers. The same
 * tests run on the SDK's grpc (1.43.2) and on the current one (module grpc-sdk-tests-grpc185).
 */
class OfficialSdkOverGrpcTest {
	private static final Duration TIMEOUT = Duration.ofSeconds(20);
	private final FakeClock clock = FakeClock.fixed(Instant.now());
	private FakeYandexCloud cloud;
	private ServiceAccount sa;
	private final List<AutoCloseable> toClose = new ArrayList<>();

	@BeforeAll
	static void trustTheFake() {
		// the SDK dials TLS only and verifies the host: one JVM-wide trust for every fake (it keeps the default CAs)
		FakeYandexCloud.trustGrpcCertificates();
	}

	@BeforeEach
	void start() {
		cloud = FakeYandexCloud.builder().clock(clock).grpc(0).build().start();
		sa = cloud.createServiceAccount();
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable c : toClose) {
			c.close();
		}
		cloud.close();
	}

	private ServiceFactory factory(CredentialProvider credentials) {
		ServiceFactory.ServiceFactoryBuilder builder = ServiceFactory.builder().endpoint(cloud.grpcTarget()).requestTimeout(TIMEOUT);
		if (credentials != null) {
			builder.credentialProvider(credentials);
		}
		return builder.build();
	}

	/** The SDK's provider for a service-account key file the fake wrote, exchanging its JWT at the fake's gRPC front. */
	private CredentialProvider keyFileProvider(Path dir) throws IOException {
		AuthorizedKey key = cloud.createAuthorizedKey(sa);
		Path file = Files.writeString(dir.resolve("key.json"), key.toKeyFile());
		CredentialProvider provider = Auth.apiKeyBuilder().fromFile(file).cloudIAMEndpoint(cloud.grpcTarget()).build();
		toClose.add(provider);
		return provider;
	}

	private static <S extends AbstractStub<S>> S withMetadata(S stub, String... pairs) {
		Metadata m = new Metadata();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put(Metadata.Key.of(pairs[i], Metadata.ASCII_STRING_MARSHALLER), pairs[i + 1]);
		}
		return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
	}

	@Test
	void runsOnTheExpectedGrpcVersion() {
		assertThat(io.grpc.internal.GrpcUtil.getGrpcBuildVersion().getImplementationVersion()).startsWith(System.getProperty("fakeyc.expected.grpc.version"));
	}

	@Test
	void folderListWithAnIamTokenIsAnswered() {
		IamToken token = cloud.issueIamToken(sa);
		FolderServiceBlockingStub folders = factory(Auth.iamTokenBuilder().token(token.value()).build()).create(FolderServiceBlockingStub.class,
				FolderServiceGrpc::newBlockingStub);

		ListFoldersResponse answer = folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build());

		assertThat(answer.getFoldersList()).isEmpty();
		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.path()).isEqualTo("/yandex.cloud.resourcemanager.v1.FolderService/List");
		assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(r.header("x-client-request-id")).isPresent();
		assertThat(cloud.journal().requests()).extracting(RecordedRequest::path).contains("/yandex.cloud.endpoint.ApiEndpointService/List");
	}

	@Test
	void folderListWithAWrongTokenIsRefusedAsTheCloudRefusesIt() {
		FolderServiceBlockingStub folders = factory(Auth.iamTokenBuilder().token("t1.wrong").build()).create(FolderServiceBlockingStub.class,
				FolderServiceGrpc::newBlockingStub);

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build()));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(e.getMessage()).isEqualTo("UNAUTHENTICATED: The token is invalid");
	}

	@Test
	void aMutatingCallAnswersAFinishedOperation() {
		IamToken token = cloud.issueIamToken(sa);
		FolderServiceBlockingStub folders = factory(Auth.iamTokenBuilder().token(token.value()).build()).create(FolderServiceBlockingStub.class,
				FolderServiceGrpc::newBlockingStub);

		Operation operation = folders.create(CreateFolderRequest.newBuilder().setCloudId("b1gcloud").setName("new").build());

		assertThat(operation.getDone()).isTrue();
		assertThat(operation.getId()).isNotEmpty();
		assertThat(operation.getCreatedBy()).isEqualTo(sa.id());
	}

	@Test
	void aStubsJsonBodyBecomesTheSdksMessage() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.stub("POST", "/yandex.cloud.resourcemanager.v1.FolderService/List",
				StubResponse.json(200, "{\"folders\":[{\"id\":\"b1gstubbed\",\"cloudId\":\"b1gcloud\",\"name\":\"default\"}],\"nextPageToken\":\"p2\"}"));
		FolderServiceBlockingStub folders = factory(Auth.iamTokenBuilder().token(token.value()).build()).create(FolderServiceBlockingStub.class,
				FolderServiceGrpc::newBlockingStub);

		ListFoldersResponse answer = folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build());

		assertThat(answer.getFoldersList()).singleElement().satisfies(f -> {
			assertThat(f.getId()).isEqualTo("b1gstubbed");
			assertThat(f.getName()).isEqualTo("default");
		});
		assertThat(answer.getNextPageToken()).isEqualTo("p2");
	}

	@Test
	void aRespondersSeesTheRequestMessageAsJsonOnEveryCall() {
		IamToken token = cloud.issueIamToken(sa);
		List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
		cloud.stub("POST", "/yandex.cloud.resourcemanager.v1.FolderService/List", (request, body) -> {
			seen.add(body);
			return StubResponse.json(200, "{\"folders\":[{\"id\":\"b1gfor-" + seen.size() + "\"}]}");
		});
		FolderServiceBlockingStub folders = factory(Auth.iamTokenBuilder().token(token.value()).build()).create(FolderServiceBlockingStub.class,
				FolderServiceGrpc::newBlockingStub);

		// twice: the JSON conversion's look-ups are made on the first call and reused on the second
		ListFoldersResponse first = folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").setPageSize(5).build());
		ListFoldersResponse second = folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gother").build());

		assertThat(first.getFolders(0).getId()).isEqualTo("b1gfor-1");
		assertThat(second.getFolders(0).getId()).isEqualTo("b1gfor-2");
		assertThat(seen).hasSize(2);
		assertThat(seen.get(0)).contains("\"cloudId\": \"b1gcloud\"").contains("\"pageSize\": \"5\"");
		assertThat(seen.get(1)).contains("\"cloudId\": \"b1gother\"").doesNotContain("pageSize");
	}

	@Test
	void aServiceAccountKeyFileIsExchangedOverGrpcByTheSdksOwnJwtFlow(@TempDir Path dir) throws IOException {
		CredentialProvider provider = keyFileProvider(dir);
		// prewarm on the test thread: the SDK fetches the token inside CallCredentials, a blocking IAM call that can
		// deadlock on grpc's shared event loop (see the README's guide)
		String exchanged = provider.get().getToken();
		assertThat(cloud.credentials().findIamToken(exchanged)).hasValueSatisfying(t -> assertThat(t.subjectId()).isEqualTo(sa.id()));

		FolderServiceBlockingStub folders = factory(provider).create(FolderServiceBlockingStub.class, FolderServiceGrpc::newBlockingStub);
		assertThat(folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build()).getFoldersList()).isEmpty();
		assertThat(cloud.journal().requests()).filteredOn(r -> r.path().equals("/yandex.cloud.iam.v1.IamTokenService/Create"))
				.singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED));
	}

	@Test
	void theSdksCachedTokenFailsOnceTheFakesClockPassesItsTwelveHours(@TempDir Path dir) throws IOException {
		CredentialProvider provider = keyFileProvider(dir);
		provider.get(); // prewarm, as above
		FolderServiceBlockingStub folders = factory(provider).create(FolderServiceBlockingStub.class, FolderServiceGrpc::newBlockingStub);
		folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build());

		clock.advance(Duration.ofHours(12).plusMinutes(1));

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build()));
		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(e.getStatus().getDescription()).isEqualTo("The token is invalid");
		assertThat(cloud.journal().last().orElseThrow().reason()).contains("expired");
	}

	@Test
	void anApiKeyInMetadataStartsAnExecutionButCannotListWorkflows() {
		ApiKey key = cloud.createApiKey(sa, List.of("yc.serverless.workflows.execute"));
		ServiceFactory factory = factory(null);
		var executions = withMetadata(factory.create(ExecutionServiceGrpc.ExecutionServiceBlockingStub.class, ExecutionServiceGrpc::newBlockingStub),
				"authorization", "Api-Key " + key.value());
		var workflows = withMetadata(factory.create(WorkflowServiceGrpc.WorkflowServiceBlockingStub.class, WorkflowServiceGrpc::newBlockingStub),
				"authorization", "Api-Key " + key.value());

		assertThat(executions.start(StartExecutionRequest.newBuilder().setWorkflowId("dfq0").build())).isNotNull();
		assertThat(cloud.journal().last().orElseThrow().outcome()).isEqualTo(Outcome.ACCEPTED);

		StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
				() -> workflows.list(ListWorkflowsRequest.newBuilder().setFolderId(sa.folderId()).build()));
		assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(refused.getStatus().getDescription()).startsWith("Unknown api key '");
	}

	@Test
	void aMethodItsServiceDoesNotHaveIsUnimplementedAsAGrpcServerAnswersIt() throws Exception {
		// the catalog covers every method of yandex.cloud.**; the SDK's FolderService descriptor on the classpath has no
		// Teleport, so the fake answers as grpc-java's server does for an unknown method: before any credential is read
		IamToken token = cloud.issueIamToken(sa);
		io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(cloud.grpcTarget()).build();
		toClose.add(() -> channel.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS));
		io.grpc.MethodDescriptor.Marshaller<byte[]> bytes = new io.grpc.MethodDescriptor.Marshaller<>() {
			@Override
			public java.io.InputStream stream(byte[] value) {
				return new java.io.ByteArrayInputStream(value);
			}

			@Override
			public byte[] parse(java.io.InputStream stream) {
				try {
					return stream.readAllBytes();
				} catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}
		};
		var teleport = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY)
				.setFullMethodName("yandex.cloud.resourcemanager.v1.FolderService/Teleport").setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
		Metadata bearer = new Metadata();
		bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token.value());

		StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () -> io.grpc.stub.ClientCalls.blockingUnaryCall(
				io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(bearer)), teleport,
				io.grpc.CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS), new byte[0]));

		assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
		assertThat(unknown.getStatus().getDescription()).isEqualTo("Method not found: yandex.cloud.resourcemanager.v1.FolderService/Teleport");
		assertThat(cloud.journal().last().orElseThrow().outcome()).isEqualTo(Outcome.NO_ROUTE);
		// a method the service has, though no catalog entry names it exactly, is still answered
		FolderServiceBlockingStub folders = factory(Auth.iamTokenBuilder().token(token.value()).build()).create(FolderServiceBlockingStub.class,
				FolderServiceGrpc::newBlockingStub);
		assertThat(folders.list(ListFoldersRequest.newBuilder().setCloudId("b1gcloud").build())).isNotNull();
		assertThat(cloud.journal().last().orElseThrow().outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void executionMessagesAreTheRestBodiesOfTheirRoutes() {
		ApiKey key = cloud.createApiKey(sa, List.of("yc.serverless.workflows.execute"));
		var executions = withMetadata(factory(null).create(ExecutionServiceGrpc.ExecutionServiceBlockingStub.class, ExecutionServiceGrpc::newBlockingStub),
				"authorization", "Api-Key " + key.value());

		String id = executions.start(StartExecutionRequest.newBuilder().setWorkflowId("dfq0").build()).getExecutionId();
		var got = executions.get(GetExecutionRequest.newBuilder().setExecutionId(id).build());
		var history = executions.getHistory(GetExecutionHistoryRequest.newBuilder().setExecutionId(id).build());

		assertThat(id).as("the REST body's ${id}").matches("[a-z0-9]{20}");
		assertThat(got.getExecution().getId()).isEqualTo(id);
		assertThat(got.getExecution().getStatus()).isEqualTo(ExecutionOuterClass.Execution.Status.FINISHED);
		assertThat(got.getExecution().getStartedAt().getSeconds()).as("${now} on the fake's clock").isEqualTo(clock.instant().getEpochSecond());
		assertThat(history.getExecution().getId()).isEqualTo(id);
		assertThat(executions.stop(StopExecutionRequest.newBuilder().setExecutionId(id).build()).getExecutionId()).isEqualTo(id);
	}

	@Test
	void aStreamedCompletionFollowsTheFolderRules() {
		UserAccount user = cloud.createUserAccount();
		IamToken userToken = cloud.issueIamToken(user);
		ServiceFactory asUser = factory(Auth.iamTokenBuilder().token(userToken.value()).build());
		var generation = asUser.create(TextGenerationServiceGrpc.TextGenerationServiceBlockingStub.class, TextGenerationServiceGrpc::newBlockingStub);
		CompletionRequest request = CompletionRequest.newBuilder().setModelUri("gpt://" + sa.folderId() + "/yandexgpt/latest")
				.setCompletionOptions(TextCommon.CompletionOptions.newBuilder().setStream(true))
				.addMessages(TextCommon.Message.newBuilder().setRole("user").setText("Hi")).build();

		StatusRuntimeException noFolder = catchThrowableOfType(StatusRuntimeException.class, () -> generation.completion(request).forEachRemaining(r -> {
		}));
		assertThat(noFolder.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(noFolder.getStatus().getDescription()).isEqualTo("You have to specify folder ID for user account");

		List<CompletionResponse> chunks = new ArrayList<>();
		withMetadata(generation, "x-folder-id", sa.folderId()).completion(request).forEachRemaining(chunks::add);
		assertThat(chunks).hasSizeGreaterThan(1);
		CompletionResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getAlternatives(0).getMessage().getText()).isEqualTo("This is a reply from fakeyc.");
		assertThat(last.getAlternatives(0).getStatus()).isEqualTo(TextCommon.Alternative.AlternativeStatus.ALTERNATIVE_STATUS_FINAL);
		assertThat(last.getUsage().getTotalTokens()).isEqualTo(15);

		IamToken saToken = cloud.issueIamToken(sa);
		var asSa = factory(Auth.iamTokenBuilder().token(saToken.value()).build()).create(TextGenerationServiceGrpc.TextGenerationServiceBlockingStub.class,
				TextGenerationServiceGrpc::newBlockingStub);
		CompletionRequest otherFolder = request.toBuilder().setModelUri("gpt://b1gotherfolder/yandexgpt/latest").build();
		StatusRuntimeException mismatch = catchThrowableOfType(StatusRuntimeException.class, () -> asSa.completion(otherFolder).forEachRemaining(r -> {
		}));
		assertThat(mismatch.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(mismatch.getStatus().getDescription()).isEqualTo("Specified folder ID does not match with service account");
	}
}
