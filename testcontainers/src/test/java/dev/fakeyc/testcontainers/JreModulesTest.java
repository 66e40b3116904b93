package dev.fakeyc.testcontainers;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/jre-modules, the modules docker/build-local-base.sh jlinks into the local base, covers what
 * jdeps finds the standalone jar needs. (Runs without Docker: it reads the jar.)
 */
class JreModulesTest {
	@Test
	void theJlinkedRuntimeHoldsEveryModuleJdepsFindsTheStandaloneJarNeeds() throws Exception {
		Path repository = Path.of(System.getProperty("fakeyc.repository", "..")).toAbsolutePath().normalize();
		Path jar = repository.resolve("fake-server/target/fakeyc-server-" + LocalImage.version() + "-standalone.jar");
		ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("jdeps: run the build on a JDK"));
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--print-module-deps", "--ignore-missing-deps",
				"--multi-release", "17", jar.toString());

		assertThat(exit).as(err.toString()).isZero();
		Set<String> needed = modules(out.toString());
		Set<String> listed = modules(Files.readString(repository.resolve("docker/jre-modules"), StandardCharsets.UTF_8));
		assertThat(needed).as("jdeps of %s", jar.getFileName()).isNotEmpty().contains("java.base");
		assertThat(listed).as("docker/jre-modules").containsAll(needed);
	}

	private static Set<String> modules(String commaSeparated) {
		return Arrays.stream(commaSeparated.trim().split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
	}
}
