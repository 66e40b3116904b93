package dev.fakeyc.junit.internal;

import dev.fakeyc.server.AccessReport;
import dev.fakeyc.server.FakeYandexCloud;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A started fake owned by one extension context. In that context's store JUnit closes it when the
 * context ends, also when a test or a callback failed. Before closing it writes the least-privilege
 * report of its journal (issue 16) to {@code <dir>/<name>.txt}, where {@code <dir>} is the system
 * property {@value #REPORT_DIR_PROPERTY}, or else {@code target/fakeyc-access-reports} when the
 * working directory has a {@code target} directory (a Maven run); only when some account needed a role.
 *
 * @param cloud              the server
 * @param shared             whether it serves the whole test run
 * @param failOnUnknownRoute whether a request without a route fails the test that made it
 * @param ownerId            the unique id of the extension context that started it (the root's for a shared one)
 * @param name               the report's file name: the owning test class (and method), or {@code shared}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@SuppressWarnings("deprecation") // CloseableResource: so JUnit 5.x before 5.13 closes it too
public record ServerResource(FakeYandexCloud cloud, boolean shared, boolean failOnUnknownRoute, String ownerId, String name)
		implements AutoCloseable, ExtensionContext.Store.CloseableResource {
	/** The system property naming the directory of the least-privilege reports. */
	public static final String REPORT_DIR_PROPERTY = "fakeyc.accessReportDir";

	@Override
	public void close() {
		try {
			writeReport();
		} finally {
			cloud.close();
		}
	}

	private void writeReport() {
		String configured = System.getProperty(REPORT_DIR_PROPERTY);
		if (configured == null && !Files.isDirectory(Path.of("target"))) {
			return;
		}
		AccessReport report = cloud.accessReport();
		if (report.accounts().isEmpty()) {
			return;
		}
		Path dir = Path.of(configured != null ? configured : "target/fakeyc-access-reports");
		String text = "# least-privilege report of the fake Yandex Cloud of " + name + " (fakeyc)" + System.lineSeparator()
				+ report.describe();
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt"), text, StandardCharsets.UTF_8);
		} catch (IOException e) {
			// a report that cannot be written must not fail the tests, whose results stand on their own
			System.err.println("fakeyc: cannot write the least-privilege report to " + dir + ": " + e.getMessage());
		}
	}
}
