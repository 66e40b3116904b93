package dev.fakeyc.server.internal.engine;

import org.apiguardian.api.API;

import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.internal.authorization.RoleCatalog;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.http.HttpListener;

import java.util.List;
import java.util.Objects;
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
	 * Starts, on a daemon thread of its own, what the jar's start and first answer need and its main thread does not:
	 * first {@code configureLogging} (the caller's logging set-up, which must precede XNIO: XNIO logs its version as it
	 * starts), then what every engine shares (the built-in catalog, read and indexed once per JVM, and the role
	 * catalog), then the classes of XNIO, Undertow and the request path ({@link HttpListener#preload}). The jar calls it
	 * first thing, so that this happens on the second core while its main thread parses the command line and builds
	 * the engine, instead of before or after that. Binds nothing, starts no server and prints nothing; a failure is
	 * ignored (the real build or start meets it again and reports it).
	 *
	 * @param configureLogging run first, on the preload thread; the caller waits for it before anything loads XNIO
	 */
	public static void preload(Runnable configureLogging) {
		Objects.requireNonNull(configureLogging, "configureLogging");
		Thread preload = new Thread(() -> {
			configureLogging.run();
			try {
				Catalog.withBuiltIn(List.of());
				RoleCatalog.builtIn();
			} catch (RuntimeException | LinkageError e) {
				// a build defect the engine's own read reports (an ExceptionInInitializerError is a LinkageError)
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
