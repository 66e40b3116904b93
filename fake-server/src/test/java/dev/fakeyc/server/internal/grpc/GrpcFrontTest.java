package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StreamScript;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.UserAccount;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gRPC front over a real TLS channel: plain grpc-java calls with raw protobuf bytes, every answer checked. */
class GrpcFrontTest {
	private static final String FOLDERS = "yandex.cloud.resourcemanager.v1.FolderService/List";
	private static final String COMPLETION = "yandex.cloud.ai.foundation_models.v1.TextGenerationService/Completion";
	private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
	private static final Metadata.Key<byte[]> DETAILS = Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

	private final FakeClock clock = FakeClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
	private FakeYandexCloud cloud;
	private GrpcClient client;
	private ServiceAccount sa;

	@BeforeEach
	void start() {
		cloud = FakeYandexCloud.builder().clock(clock).grpc(0).build().start();
		client = new GrpcClient(cloud);
		sa = cloud.createServiceAccount();
	}

	@AfterEach
	void stop() {
		client.close();
		cloud.close();
	}

	@Test
	void discoveryListsEveryIdOfTheSdkAtTheFrontWithoutACredential() throws Exception {
		byte[] answer = client.unary("yandex.cloud.endpoint.ApiEndpointService/List", new byte[0], GrpcClient.metadata(null));

		List<byte[]> endpoints = ProtoReader.all(answer, 1);
		Set<String> ids = new HashSet<>();
		for (byte[] e : endpoints) {
			ids.add(ProtoReader.string(e, new int[]{ 1 }));
			assertThat(ProtoReader.string(e, new int[]{ 2 })).isEqualTo(cloud.grpcTarget());
		}
		assertThat(ids).hasSize(endpoints.size()).hasSize(116).contains("resourcemanager", "iam", "endpoint", "ai-foundation-models", "serverless-workflows");
	}

	@Test
	void discoveryGetAnswersAKnownIdAndRefusesAnUnknownOne() throws Exception {
		byte[] known = client.unary("yandex.cloud.endpoint.ApiEndpointService/Get", new ProtoWriter().string(1, "compute").toByteArray(), GrpcClient.metadata(null));
		assertThat(ProtoReader.string(known, new int[]{ 2 })).isEqualTo(cloud.grpcTarget());

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary("yandex.cloud.endpoint.ApiEndpointService/Get",
				new ProtoWriter().string(1, "nope").toByteArray(), GrpcClient.metadata(null)));
		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(e.getStatus().getDescription()).isEqualTo("Endpoint nope not found");
	}

	@Test
	void aCatalogDeclaredAfterACallRoutesTheSameMethodAtOnce() {
		IamToken token = cloud.issueIamToken(sa);
		Metadata bearer = GrpcClient.metadata("Bearer " + token.value());
		StatusRuntimeException before = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary("my.v1.Thing/Get", new byte[0], bearer));
		assertThat(before.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);

		cloud.credentials().declare("{\"services\":[{\"id\":\"things\",\"resources\":[{\"id\":\"thing\",\"grpc\":[\"my.v1.Thing/Get\"],"
				+ "\"routes\":[{\"path\":\"/things\"}]}]}]}");

		assertThat(client.unary("my.v1.Thing/Get", new byte[0], bearer)).isEmpty();
		assertThat(cloud.journal().last().orElseThrow().service()).isEqualTo("things");
		cloud.credentials().declare("{}");
		StatusRuntimeException after = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary("my.v1.Thing/Get", new byte[0], bearer));
		assertThat(after.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
	}

	@Test
	void anIssuedTokenIsAcceptedAndTheCallJournaledWithItsFullMethodName() {
		IamToken token = cloud.issueIamToken(sa);

		byte[] answer = client.unary(FOLDERS, new byte[0], GrpcClient.metadata("Bearer " + token.value(), "x-client-request-id", "r-1"));

		assertThat(answer).isEmpty(); // the empty ListFoldersResponse
		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.method()).isEqualTo("POST");
		assertThat(r.path()).isEqualTo("/" + FOLDERS);
		assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.subjectId()).isEqualTo(sa.id());
		assertThat(r.service()).isEqualTo("iam-token-only");
		assertThat(r.header("content-type")).contains("application/grpc");
		assertThat(r.transport()).isEqualTo("grpc");
		assertThat(r.header("x-client-request-id")).contains("r-1");
		assertThat(r.header("authorization").orElseThrow()).doesNotContain(token.value()).startsWith("Bearer ");
		assertThat(r.host()).isEqualTo(cloud.grpcTarget());
	}

	@Test
	void aWrongTokenIsRefusedWithTheCloudsMessageRequestIdAndStatusDetails() throws Exception {
		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(FOLDERS, new byte[0], GrpcClient.metadata("Bearer t1.wrong")));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(e.getStatus().getDescription()).isEqualTo("The token is invalid");
		assertThat(e.getMessage()).isEqualTo("UNAUTHENTICATED: The token is invalid");
		String requestId = e.getTrailers().get(REQUEST_ID);
		assertThat(requestId).isNotBlank();
		byte[] details = e.getTrailers().get(DETAILS);
		assertThat(ProtoReader.string(details, new int[]{ 2 })).isEqualTo("The token is invalid");
		assertThat(ProtoReader.string(details, new int[]{ 3, 1 })).isEqualTo("type.googleapis.com/google.rpc.RequestInfo");
		assertThat(ProtoReader.string(details, new int[]{ 3, 2, 1 })).isEqualTo(requestId);
		RecordedRequest r = cloud.journal().last().orElseThrow();
		assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.requestId()).isEqualTo(requestId);
	}

	@Test
	void noCredentialIsRefusedAsTheGatewayDoes() {
		assertThatThrownBy(() -> client.unary(FOLDERS, new byte[0], GrpcClient.metadata(null))).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
			assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
			assertThat(e.getStatus().getDescription()).isEqualTo("IAM token or API key has to be passed in request");
		});
	}

	@Test
	void aTokenPastItsExpiryOnTheFakesClockIsRefused() {
		IamToken token = cloud.issueIamToken(sa);
		clock.advance(Duration.ofHours(12).plusSeconds(1));

		assertThatThrownBy(() -> client.unary(FOLDERS, new byte[0], GrpcClient.metadata("Bearer " + token.value())))
				.isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription()).isEqualTo("The token is invalid"));
	}

	@Test
	void anApiKeyOpensTheServicesTheCatalogListsAndNoOthers() {
		ApiKey key = cloud.createApiKey(sa, List.of("yc.serverless.workflows.execute"));
		Metadata withKey = GrpcClient.metadata("Api-Key " + key.value());

		assertThat(client.unary("yandex.cloud.serverless.workflows.v1.ExecutionService/Start", new byte[0], withKey)).isEmpty();
		StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary("yandex.cloud.serverless.workflows.v1.WorkflowService/List", new byte[0], withKey));
		assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(refused.getStatus().getDescription()).startsWith("Unknown api key '").doesNotContain(key.value());
		assertThat(cloud.journal().last().orElseThrow().resource()).isEqualTo("workflow");
	}

	@Test
	void foundationModelsStreamsTheCompletionByTheFolderRules() throws Exception {
		UserAccount user = cloud.createUserAccount();
		IamToken userToken = cloud.issueIamToken(user);
		byte[] request = new ProtoWriter().string(1, "gpt://" + sa.folderId() + "/yandexgpt/latest").toByteArray();

		StatusRuntimeException noFolder = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.serverStreaming(COMPLETION, request, GrpcClient.metadata("Bearer " + userToken.value())));
		assertThat(noFolder.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(noFolder.getStatus().getDescription()).isEqualTo("You have to specify folder ID for user account");

		List<byte[]> chunks = client.serverStreaming(COMPLETION, request, GrpcClient.metadata("Bearer " + userToken.value(), "x-folder-id", sa.folderId()));
		assertThat(chunks).isNotEmpty();
		byte[] last = chunks.get(chunks.size() - 1);
		assertThat(ProtoReader.string(last, new int[]{ 1, 1, 2 })).isEqualTo("This is a reply from fakeyc.");

		IamToken saToken = cloud.issueIamToken(sa);
		byte[] otherFolder = new ProtoWriter().string(1, "gpt://b1gotherfolder/yandexgpt/latest").toByteArray();
		StatusRuntimeException mismatch = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.serverStreaming(COMPLETION, otherFolder, GrpcClient.metadata("Bearer " + saToken.value())));
		assertThat(mismatch.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(mismatch.getStatus().getDescription()).isEqualTo("Specified folder ID does not match with service account");
		assertThat(cloud.journal().last().orElseThrow().folderId()).isEqualTo("b1gotherfolder");
	}

	@Test
	void aStreamScriptStubbedForTheMethodDrivesTheStream() throws Exception {
		IamToken token = cloud.issueIamToken(sa);
		cloud.stubStream("POST", "/" + COMPLETION, StreamScript.builder().text("Hel").text("lo").finish("stop").build());

		List<byte[]> chunks = client.serverStreaming(COMPLETION, new byte[0], GrpcClient.metadata("Bearer " + token.value()));

		assertThat(chunks).hasSize(3);
		assertThat(ProtoReader.string(chunks.get(0), new int[]{ 1, 1, 2 })).isEqualTo("Hel");
		assertThat(ProtoReader.string(chunks.get(2), new int[]{ 1, 1, 2 })).isEqualTo("Hello");
	}

	@Test
	void aStubbedRefusalBecomesAGrpcStatus() {
		IamToken token = cloud.issueIamToken(sa);
		cloud.stub("POST", "/" + FOLDERS, StubResponse.json(403, "{\"code\":7,\"message\":\"Permission denied\"}"));

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary(FOLDERS, new byte[0], GrpcClient.metadata("Bearer " + token.value())));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(e.getStatus().getDescription()).isEqualTo("Permission denied");
		assertThat(cloud.journal().last().orElseThrow().status()).isEqualTo(403);
	}

	@Test
	void theIamExchangeTakesAnOAuthTokenAndAnswersATokenThatWorks() throws Exception {
		UserAccount user = cloud.createUserAccount();
		String oauth = cloud.issueOAuthToken(user).value();

		byte[] answer = client.unary("yandex.cloud.iam.v1.IamTokenService/Create", new ProtoWriter().string(1, oauth).toByteArray(), GrpcClient.metadata(null));

		String iamToken = ProtoReader.string(answer, new int[]{ 1 });
		assertThat(cloud.credentials().findIamToken(iamToken)).isPresent();
		assertThat(ProtoReader.all(answer, 2)).hasSize(1);
		assertThat(client.unary(FOLDERS, new byte[0], GrpcClient.metadata("Bearer " + iamToken))).isEmpty();
	}

	@Test
	void theIamExchangeRefusesABadOAuthTokenAndAnEmptyRequestWithRestsMessages() {
		StatusRuntimeException bad = catchThrowableOfType(StatusRuntimeException.class, () -> client.unary("yandex.cloud.iam.v1.IamTokenService/Create",
				new ProtoWriter().string(1, "y0_not-a-token").toByteArray(), GrpcClient.metadata(null)));
		assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(bad.getStatus().getDescription()).isEqualTo("OAuth token is invalid or expired");

		StatusRuntimeException empty = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary("yandex.cloud.iam.v1.IamTokenService/Create", new byte[0], GrpcClient.metadata(null)));
		assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(empty.getStatus().getDescription()).isEqualTo("Validation failed:\n  - identity: One of the options must be selected");
	}

	@Test
	void aMethodOutsideTheCloudIsUnimplementedAndJournaledAsNoRoute() {
		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.unary("grpc.health.v1.Health/Check", new byte[0], GrpcClient.metadata(null)));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
		assertThat(cloud.journal().last().orElseThrow().outcome()).isEqualTo(Outcome.NO_ROUTE);
	}

	@Test
	void aFolderFieldThatIsNotProtobufIsRefusedAsInvalidArgument() {
		IamToken token = cloud.issueIamToken(sa);
		byte[] garbage = { 0x0a, 0x7f, 0x01 }; // field 1, length 127, one byte

		StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
				() -> client.serverStreaming(COMPLETION, garbage, GrpcClient.metadata("Bearer " + token.value())));

		assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(e.getStatus().getDescription()).startsWith("request message is not valid protobuf");
	}

	@Test
	void aCatalogResourceNamesItsGrpcMethodsAndFolderFields() {
		try (FakeYandexCloud custom = FakeYandexCloud.builder().grpc(0).catalog("""
				{"services":[{"id":"custom","folder":{"rule":"access","from":["field:2.1"]},"resources":[
				  {"id":"keyed","apiKey":true,"scopes":["yc.custom.use"],"grpc":["example.v1.Thing/Use"],"routes":[{"path":"/custom/use"}]}]}]}
				""").build().start(); GrpcClient c = new GrpcClient(custom)) {
			ServiceAccount owner = custom.createServiceAccount();
			ApiKey key = custom.createApiKey(owner, List.of("yc.custom.use"));
			byte[] request = new ProtoWriter().message(2, new ProtoWriter().string(1, "b1gsomeoneelse")).toByteArray();

			StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
					() -> c.unary("example.v1.Thing/Use", request, GrpcClient.metadata("Api-Key " + key.value())));

			assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
			assertThat(e.getStatus().getDescription()).isEqualTo("Permission denied to folder b1gsomeoneelse");
			assertThat(custom.journal().last().orElseThrow().service()).isEqualTo("custom");
		}
	}

	@Test
	void theTargetAndCertificateNameTheFront() {
		assertThat(cloud.grpcTarget()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:" + cloud.port());
		assertThat(cloud.grpcCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
		try (FakeYandexCloud restOnly = FakeYandexCloud.create().start()) {
			assertThatThrownBy(restOnly::grpcTarget).isInstanceOf(IllegalStateException.class).hasMessageContaining("grpc(0)");
		}
	}

	@Test
	void closingStopsTheFront() {
		String target = cloud.grpcTarget();
		client.close();
		cloud.close();

		try (GrpcClient again = new GrpcClient(target, cloud.grpcCertificatePem())) {
			assertThatThrownBy(() -> again.unary(FOLDERS, new byte[0], GrpcClient.metadata(null))).isInstanceOfSatisfying(StatusRuntimeException.class,
					e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
	}
}
