package dev.fakeyc.server.internal.engine;

import org.apiguardian.api.API;

import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.internal.authorization.RoleCatalog;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.http.HttpListener;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The standalone jar's narrow way to its fake's engine, for what only it needs (a log line per
 * request), so the public facade has no method that exists only for the jar. The facade installs
 * how to reach its engine when its class is initialized; this package never names the facade.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class StandaloneSeam {
	private static volatile Function<Object, Engine> engineOf;

	private StandaloneSeam() {
	}

	/**
	 * Called once by the facade's static initializer.
	 *
	 * @param unwrap the facade's engine, given a facade
	 */
	public static void install(Function<Object, Engine> unwrap) {
		engineOf = Objects.requireNonNull(unwrap, "unwrap");
	}

	/**
	 * Starts reading, on a daemon thread of its own, what every engine shares and its start and first answer need: the
	 * built-in catalog (read and indexed once per JVM) and role catalog, then, once {@code loggingQuiet} is open, the
	 * classes of XNIO, Undertow, the JDK's JMX and the request path ({@link HttpListener#preload}; XNIO logs its version
	 * as it starts). The jar calls it first thing, so that this happens on the second core while it sets up logging and
	 * parses its command line, instead of after it. Binds nothing, starts no server and prints nothing; a failure is
	 * ignored (the real build or start meets it again and reports it).
	 *
	 * @param loggingQuiet opened by the caller once the libraries' logging is configured
	 */
	public static void preload(CountDownLatch loggingQuiet) {
		Thread preload = new Thread(() -> {
			try {
				Catalog.withBuiltIn(List.of());
				RoleCatalog.builtIn();
			} catch (RuntimeException | LinkageError e) {
				// a build defect the engine's own read reports (an ExceptionInInitializerError is a LinkageError)
			}
			try {
				loggingQuiet.await();
			} catch (InterruptedException e) {
				return; // only a head start: the real start loads the rest
			}
			HttpListener.preload();
		}, "fakeyc-preload");
		preload.setDaemon(true);
		preload.start();
	}

	/**
	 * Calls {@code listener} with every request the fake records, on the request's thread. Before start only.
	 *
	 * @param cloud    a {@code FakeYandexCloud}, not yet started
	 * @param listener what to call
	 * @throws IllegalStateException if no facade installed the seam
	 */
	public static void logRequests(Object cloud, Consumer<RecordedRequest> listener) {
		Function<Object, Engine> unwrap = engineOf;
		if (unwrap == null) {
			throw new IllegalStateException("the facade has not installed the standalone seam");
		}
		unwrap.apply(cloud).listen(listener);
	}
}
