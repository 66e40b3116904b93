package dev.fakeyc.server.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** The built standalone jar, run as a real process, its output collected line by line. */
final class Standalone implements AutoCloseable {
	private final Process process;
	final List<String> out = new CopyOnWriteArrayList<>();
	final List<String> err = new CopyOnWriteArrayList<>();

	private Standalone(Process process) {
		this.process = process;
		pump(process.getInputStream(), out);
		pump(process.getErrorStream(), err);
	}

	static Path jar() {
		Path dir = Path.of(System.getProperty("fakeyc.standalone.dir", "target"));
		try (Stream<Path> files = Files.list(dir)) {
			List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar")).toList();
			if (jars.size() != 1) {
				throw new IllegalStateException("expected exactly one *-standalone.jar in " + dir + ", found " + jars + "; run mvn package first");
			}
			return jars.get(0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Standalone start(String... args) {
		return startWithJvm(List.of(), args);
	}

	/** The jar with JVM flags (such as the README's CI flags) before {@code -jar}. */
	static Standalone startWithJvm(List<String> jvmFlags, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(jvmFlags);
		command.addAll(List.of("-jar", jar().toString()));
		command.addAll(List.of(args));
		try {
			return new Standalone(new ProcessBuilder(command).start());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void pump(InputStream in, List<String> into) {
		Thread t = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				String line;
				while ((line = r.readLine()) != null) {
					into.add(line);
				}
			} catch (IOException e) {
				into.add("<<stream closed: " + e + ">>");
			}
		}, "standalone-output");
		t.setDaemon(true);
		t.start();
	}

	/** Waits for the contract's startup line and returns the URL in it. */
	URI awaitListening() {
		await().atMost(Duration.ofSeconds(20)).until(() -> listeningLine() != null || !process.isAlive());
		String line = listeningLine();
		if (line == null) {
			throw new AssertionError("the jar exited before listening; stderr: " + err);
		}
		return URI.create(line.substring(line.indexOf("listening on ") + "listening on ".length()).trim());
	}

	private String listeningLine() {
		return out.stream().filter(l -> l.contains("listening on http://")).findFirst().orElse(null);
	}

	/** The first output line containing {@code text}. */
	String line(String text) {
		return out.stream().filter(l -> l.contains(text)).findFirst().orElseThrow(() -> new AssertionError("no line with '" + text + "' in " + out));
	}

	int awaitExit() {
		return awaitExit(Duration.ofSeconds(20));
	}

	/** Waits for the exit as {@link #awaitExit()} does, at most {@code timeout} (a start with the gRPC front runs keytool first). */
	int awaitExit(Duration timeout) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("the jar did not exit within " + timeout.toSeconds() + " s; stdout " + out + ", stderr " + err);
			}
			// the pumps may still be reading the last lines
			await().atMost(Duration.ofSeconds(5)).until(() -> !err.isEmpty() || !out.isEmpty() || process.exitValue() == 0);
			return process.exitValue();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** SIGTERM on Linux; through the handle, because Process.destroy() also closes our ends of its pipes. */
	void terminate() {
		process.toHandle().destroy();
	}

	/** The process id, for signals. */
	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	@Override
	public void close() {
		process.destroyForcibly();
	}
}
