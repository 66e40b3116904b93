package dev.fakeyc.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The standalone jar built by fake-server earlier in the same reactor build, run as a process. */
final class StandaloneJar {
	private StandaloneJar() {
	}

	/**
	 * An executor running each task on a new daemon thread: for reading a process's output. The common pool has a
	 * single thread on a 2-core machine, so a read parked there by one test class starves another's.
	 *
	 * @param name the thread's name
	 * @return the executor
	 */
	static java.util.concurrent.Executor ownThread(String name) {
		return task -> {
			Thread reader = new Thread(task, name);
			reader.setDaemon(true);
			reader.start();
		};
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Built by the fake-server module earlier in the same reactor build. */
	static Path path() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("..", "fake-server", "target"))) {
			List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar")).toList();
			assertThat(jars).as("the standalone jar, built by 'mvn package' in fake-server").hasSize(1);
			return jars.get(0);
		}
	}

	/** Starts the jar with the given options; its output (stdout and stderr) is collected line by line. */
	static Started start(String... options) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-jar", path().toString()));
		command.addAll(List.of(options));
		return new Started(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/** A running jar. */
	static final class Started {
		private final Process process;
		private final List<String> lines = new CopyOnWriteArrayList<>();

		private Started(Process process) {
			this.process = process;
			Thread pump = new Thread(() -> {
				try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					r.lines().forEach(lines::add);
				} catch (IOException e) {
					lines.add("<<output closed: " + e + ">>");
				}
			}, "standalone-jar-output");
			pump.setDaemon(true);
			pump.start();
		}

		/** Waits for the first line starting with {@code prefix} and returns the rest of it, trimmed. */
		String awaitLine(String prefix) {
			await().atMost(Duration.ofSeconds(30)).until(() -> find(prefix) != null || !process.isAlive());
			String line = find(prefix);
			assertThat(line).as("a line starting with '%s' before the jar exited; output: %s", prefix, lines).isNotNull();
			return line.substring(prefix.length()).trim();
		}

		private String find(String prefix) {
			return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
		}

		/** SIGTERM, then waits for exit code 0. */
		void stop() throws InterruptedException {
			process.toHandle().destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			assertThat(process.exitValue()).as("the jar's exit code after SIGTERM; output: %s", lines).isZero();
		}
	}
}
