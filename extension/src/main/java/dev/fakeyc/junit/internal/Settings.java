package dev.fakeyc.junit.internal;

import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;

import java.util.function.Consumer;

import org.apiguardian.api.API;

/**
 * How a test wants its fake: from {@code @WithFakeYandexCloud} or the extension's builder. Immutable.
 *
 * @param port               the port, 0 for a free one
 * @param shared             one server for the whole run
 * @param catalogJson        catalog additions (JSON), or empty
 * @param failOnUnknownRoute fail a test whose requests hit no route
 * @param clock              the clock to give the server, or null for a new system clock
 * @param setup              run once on the started server (credentials, stubs), or null
 * @param accessMode         which access bindings count on the server
 * @param grpc               also serve the gRPC front (a free port), and make the JVM trust its certificate
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Settings(int port, boolean shared, String catalogJson, boolean failOnUnknownRoute, FakeClock clock,
		Consumer<FakeYandexCloud> setup, AccessMode accessMode, boolean grpc) {

	public static final Settings DEFAULT = new Settings(0, false, "", false, null, null, AccessMode.DEFAULT, false);

	/** The key under which a shared server with these settings lives in the root store. */
	public String sharedKey() {
		return "shared:" + port + ":" + failOnUnknownRoute + ":" + accessMode + ":" + grpc + ":" + catalogJson;
	}

	/**
	 * Starts a fake with these settings and runs the set-up callback on it.
	 *
	 * @throws RuntimeException from the server or the callback; the server is closed then
	 */
	public FakeYandexCloud start() {
		FakeYandexCloud.Builder builder = FakeYandexCloud.builder().port(port).accessMode(accessMode);
		if (!catalogJson.isEmpty()) {
			builder.catalog(catalogJson);
		}
		if (clock != null) {
			builder.clock(clock);
		}
		if (grpc) {
			builder.grpc(0);
		}
		FakeYandexCloud cloud = builder.build().start();
		if (grpc || setup != null) {
			try {
				if (grpc) {
					FakeYandexCloud.trustGrpcCertificates(); // JVM-wide, keeps the default CAs: the SDKs build TLS from the default trust store
				}
				if (setup != null) {
					setup.accept(cloud);
				}
			} catch (RuntimeException e) {
				cloud.close();
				throw e;
			}
		}
		return cloud;
	}
}
