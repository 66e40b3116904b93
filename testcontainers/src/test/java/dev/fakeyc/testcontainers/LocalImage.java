package dev.fakeyc.testcontainers;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the fakeyc image from this checkout (docker/Dockerfile and the standalone jar the build just
 * made) once per test run, tagged {@code fakeyc/fakeyc:<version>}, before a test class's containers
 * start: register it before {@code @Testcontainers}. The build goes through Testcontainers' own Docker
 * client, so it finds the same daemon the containers then run on.
 *
 * <p>Without a reachable Docker daemon the class is skipped with a message saying so; under CI
 * ({@code CI=true}, which {@code .ci/run} sets) it fails instead, so CI never passes by skipping.
 *
 * <p>The base image is {@code FAKEYC_BASE_IMAGE} when set (CI sets the local stand-in that
 * docker/build-local-base.sh builds), else the Dockerfile's default, {@code eclipse-temurin:17-jre}.
 */
final class LocalImage implements ExecutionCondition, BeforeAllCallback {
	/** The image the tests run; the tag is the build's version. */
	static final DockerImageName IMAGE = FakeYandexCloudContainer.DEFAULT_IMAGE_NAME.withTag(version());

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalImage.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (dockerAvailable(context)) {
			return ConditionEvaluationResult.enabled("a Docker daemon answers");
		}
		String why = "no Docker daemon answers (Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties and /var/run/docker.sock)";
		if (underCi()) {
			throw new IllegalStateException(why + "; CI=true, so the container tests fail instead of skipping: start dockerd (.ci/run does)");
		}
		String message = "container tests skipped: " + why + ". Start Docker to run them.";
		// surefire's console shows only a count of skipped tests: say why once per run where a person reads it
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("skip-notice", key -> {
			System.err.println("[fakeyc-testcontainers] " + message);
			return Boolean.TRUE;
		}, Boolean.class);
		return ConditionEvaluationResult.disabled(message);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("image", key -> build(), String.class);
	}

	private static boolean dockerAvailable(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE)
				.getOrComputeIfAbsent("docker", key -> DockerClientFactory.instance().isDockerAvailable(), Boolean.class);
	}

	static boolean underCi() {
		String ci = System.getenv("CI");
		return ci != null && !ci.isBlank() && !ci.toLowerCase(Locale.ROOT).equals("false");
	}

	// withDockerfilePath is deprecated for withDockerfile(Path), which sends the Dockerfile's whole folder as the build
	// context; this build sends exactly the four files it names (the jar lives outside docker/), so it keeps the old call
	@SuppressWarnings("deprecation")
	private static String build() {
		Path repository = Path.of(System.getProperty("fakeyc.repository", "..")).toAbsolutePath().normalize();
		String jarName = "fake-server/target/fakeyc-server-" + version() + "-standalone.jar";
		Path jar = repository.resolve(jarName);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build fake-server first (mvn -B verify from the repository root does)");
		}
		ImageFromDockerfile image = new ImageFromDockerfile(IMAGE.asCanonicalNameString(), false)
				.withFileFromPath("docker/Dockerfile", repository.resolve("docker/Dockerfile"))
				.withFileFromPath("docker/entrypoint.sh", repository.resolve("docker/entrypoint.sh"))
				.withFileFromPath("docker/healthcheck.sh", repository.resolve("docker/healthcheck.sh"))
				.withFileFromPath(jarName, jar)
				.withDockerfilePath("docker/Dockerfile")
				.withBuildArg("VERSION", version());
		String base = System.getenv("FAKEYC_BASE_IMAGE");
		if (base != null && !base.isBlank()) {
			image.withBuildArg("BASE_IMAGE", base);
		}
		long started = System.nanoTime();
		String built = image.get();
		long bytes = DockerClientFactory.instance().client().inspectImageCmd(built).exec().getSize();
		// a figure for the report beside the bare jar's (bench/container.sh measures start times); nothing asserts it
		System.err.printf("[fakeyc-testcontainers] built %s on %s in %.1f s: %d MB (standalone jar %d kB)%n", built,
				base == null || base.isBlank() ? "the Dockerfile's default base" : base, (System.nanoTime() - started) / 1e9,
				bytes / 1_000_000, jar.toFile().length() / 1000);
		return built;
	}

	static String version() {
		return System.getProperty("fakeyc.version", FakeYandexCloudContainer.defaultTag());
	}
}
