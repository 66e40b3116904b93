/**
 * The fakeyc image as a Testcontainers container: {@link dev.fakeyc.testcontainers.FakeYandexCloudContainer} starts
 * the standalone fake in Docker and reaches its journal and credentials from the test through the control API, with
 * the same Java types ({@code RecordedRequest}, {@code ApiKey}, {@code IamToken}, ...) as the embedded fake in
 * {@code dev.fakeyc.server}. Use it when the code under test runs in a container of its own (a Compose stack, another
 * language), or needs the fake at a fixed network alias; for a JVM test the embedded fake ({@code fakeyc-junit}) starts
 * faster.
 *
 * <p>Public types carry {@link org.apiguardian.api.API @API}; the module is {@code EXPERIMENTAL} in 0.1. The package's
 * other classes are package-private: not API. The checked-in listing {@code testcontainers/api/fakeyc-testcontainers.api}
 * is its reviewed public API.
 *
 * @since 0.1
 */
package dev.fakeyc.testcontainers;
