package dev.fakeyc.junit;

import dev.fakeyc.server.IamToken;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The gRPC front through the extension: turned on by the annotation or the builder, its target injected, its certificate trusted. */
class GrpcFrontTest {
	@Test
	void annotationServesGrpcInjectsTheTargetAndTheJvmTrustsTheCertificate() {
		EngineExecutionResults results = Engine.run(AnnotatedTestCase.class);

		Engine.assertAllSucceeded(results, 1);
		assertThat(Engine.reported(results, "target")).singleElement().asString().matches("127\\.0\\.0\\.1:\\d+");
		assertThat(Engine.reported(results, "path")).containsExactly("/yandex.cloud.resourcemanager.v1.FolderService/List");
	}

	@Test
	void builderServesGrpcAndNamesTheTarget() {
		EngineExecutionResults results = Engine.run(BuilderTestCase.class);

		Engine.assertAllSucceeded(results, 1);
		assertThat(Engine.reported(results, "target")).singleElement().asString().matches("127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void aGrpcTargetWithoutTheGrpcFrontFailsSayingHowToTurnItOn() {
		EngineExecutionResults results = Engine.run(WithoutGrpcTestCase.class);

		assertThat(Engine.failureMessage(results)).startsWith("@FakeCloudGrpcTarget on parameter [java.lang.String")
				.endsWith(": the fake serves no gRPC front; turn it on with @WithFakeYandexCloud(grpc = true) or FakeYandexCloudExtension.builder().grpc()");
	}

	@Test
	void aGrpcTargetOfAnotherTypeIsNotResolved() {
		EngineExecutionResults results = Engine.run(WrongTypeTestCase.class);

		assertThat(Engine.failureMessage(results)).contains("No ParameterResolver registered for parameter [java.net.URI");
	}

	@WithFakeYandexCloud(grpc = true)
	static class AnnotatedTestCase {
		@Test
		void test(@FakeCloudGrpcTarget String target, IamToken token, ReceivedRequests requests, TestReporter reporter) throws InterruptedException {
			// the JVM's default trust: what the official SDKs' NettyChannelBuilder.forTarget(…) uses
			ManagedChannel channel = NettyChannelBuilder.forTarget(target).build();
			try {
				assertThat(listFolders(channel, token.authorization())).isEmpty(); // the empty ListFoldersResponse
			} finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
			FakeCloudAssertions.assertThat(requests).hasSize(1).allAccepted();
			reporter.publishEntry("target", target);
			reporter.publishEntry("path", requests.last().orElseThrow().path());
		}
	}

	static class BuilderTestCase {
		@RegisterExtension
		static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().grpc().build();

		@Test
		void test(@FakeCloudGrpcTarget String target, TestReporter reporter) {
			assertThat(target).isEqualTo(cloud.grpcTarget());
			reporter.publishEntry("target", target);
		}
	}

	@WithFakeYandexCloud
	static class WithoutGrpcTestCase {
		@Test
		void test(@FakeCloudGrpcTarget String target) {
		}
	}

	@WithFakeYandexCloud(grpc = true)
	static class WrongTypeTestCase {
		@Test
		void test(@FakeCloudGrpcTarget java.net.URI target) {
		}
	}

	private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	};

	/** FolderService/List with an empty request (no generated classes: the bytes as they travel). */
	private static byte[] listFolders(ManagedChannel channel, String authorization) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
		MethodDescriptor<byte[], byte[]> list = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
				.setFullMethodName("yandex.cloud.resourcemanager.v1.FolderService/List").setRequestMarshaller(BYTES).setResponseMarshaller(BYTES)
				.build();
		return ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)), list,
				CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[0]);
	}
}
