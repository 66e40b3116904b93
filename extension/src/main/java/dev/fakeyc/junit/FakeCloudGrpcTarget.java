package dev.fakeyc.junit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link String} parameter that receives the fake's gRPC target, {@code 127.0.0.1:PORT}
 * ({@link dev.fakeyc.server.FakeYandexCloud#grpcTarget()}), to put where an official SDK has
 * {@code api.cloud.yandex.net:443}: e.g. the Java SDK's {@code ServiceFactory.builder().endpoint(target)} and
 * {@code cloudIAMEndpoint(target)}. The gRPC front serves TLS only, as the SDKs dial; the extension makes the test
 * JVM trust its certificate.
 *
 * <p>Needs the gRPC front: {@code @WithFakeYandexCloud(grpc = true)} or
 * {@link FakeYandexCloudExtension.Builder#grpc()}; without it resolving the parameter fails and says so. The front
 * needs grpc-java (grpc-api, grpc-core, grpc-netty-shaded, 1.43.2 or later) on the test classpath; the official
 * Java SDK brings it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FakeCloudGrpcTarget {
}
