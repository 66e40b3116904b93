package dev.fakeyc.junit.internal;

import dev.fakeyc.server.FakeYandexCloud;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started fake owned by one extension context. In that context's store JUnit closes it when the
 * context ends, also when a test or a callback failed.
 *
 * @param cloud              the server
 * @param shared             whether it serves the whole test run
 * @param failOnUnknownRoute whether a request without a route fails the test that made it
 * @param ownerId            the unique id of the extension context that started it (the root's for a shared one)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@SuppressWarnings("deprecation") // CloseableResource: so JUnit 5.x before 5.13 closes it too
public record ServerResource(FakeYandexCloud cloud, boolean shared, boolean failOnUnknownRoute, String ownerId)
		implements AutoCloseable, ExtensionContext.Store.CloseableResource {
	@Override
	public void close() {
		cloud.close();
	}
}
