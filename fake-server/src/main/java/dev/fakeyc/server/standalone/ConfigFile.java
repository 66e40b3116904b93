package dev.fakeyc.server.standalone;

import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.internal.catalog.CatalogException;
import dev.fakeyc.server.internal.config.CloudConfig;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The {@code --config} file: read, checked whole, applied; with {@code --watch}, re-read when it changes. */
final class ConfigFile {
	private static final Duration POLL = Duration.ofMillis(200);

	private final Path path;
	private final CloudConfig config;
	private final String text;
	private final AtomicReference<ConfigFile> current = new AtomicReference<>(this);

	/** A config file that cannot be used; the message names the file, the JSON path and the problem. */
	static final class Invalid extends Exception {
		private static final long serialVersionUID = 1L;

		Invalid(String message) {
			super(message);
		}
	}

	private ConfigFile(Path path, CloudConfig config, String text) {
		this.path = path;
		this.config = config;
		this.text = text;
	}

	static ConfigFile load(Path path) throws Invalid {
		String text = Main.read(path);
		try {
			return new ConfigFile(path, parseAndValidate(text), text);
		} catch (CatalogException e) {
			throw new Invalid(Main.describe(path, e));
		} catch (RuntimeException | StackOverflowError e) {
			throw new Invalid(path + ": cannot be used (" + e.getClass().getSimpleName() + "); check that it is a plain JSON config document");
		}
	}

	/** The config in force: this one, or the last good one read since. */
	ConfigFile current() {
		return current.get();
	}

	/** Declares the file's accounts, credentials and catalog additions on the fake, in place of the previous version's. */
	void applyTo(FakeYandexCloud cloud) {
		cloud.credentials().declare(text);
	}

	/** Polls the file (a watch service misses edits on some filesystems) and swaps in each good version. */
	void watch(FakeYandexCloud cloud, PrintStream log) {
		ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "fakeyc-config-watch");
			t.setDaemon(true);
			return t;
		});
		poller.scheduleWithFixedDelay(() -> reloadIfChanged(cloud, log), POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void reloadIfChanged(FakeYandexCloud cloud, PrintStream log) {
		// whatever happens here, the poller must live on: an exception would end it for good
		try {
			reload(cloud, log);
		} catch (RuntimeException | Error e) {
			if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
				throw (Error) e;
			}
			report(log, "cannot be used (" + e.getClass().getSimpleName() + ")");
		}
	}

	private void reload(FakeYandexCloud cloud, PrintStream log) {
		String now;
		if (!Files.exists(path)) {
			if (Files.isSymbolicLink(path)) {
				report(log, "is a link to a file that does not exist");
			}
			return; // gone for a moment while an editor saves by renaming: the next poll sees the new file
		}
		if (Files.isDirectory(path)) {
			report(log, "is a directory, not a file");
			return;
		}
		try {
			now = Main.read(path);
		} catch (Invalid e) {
			report(log, e.getMessage().startsWith(path.toString()) ? e.getMessage().substring(path.toString().length() + 2) : e.getMessage());
			return;
		}
		if (now.equals(current.get().text)) {
			return;
		}
		lastProblem = null;
		try {
			ConfigFile next = new ConfigFile(path, parseAndValidate(now), now);
			synchronized (this) {
				next.applyTo(cloud); // one change: the old set or the new one, never a mixture
				current.set(next);
			}
			log.println("fakeyc: " + path + " reloaded");
		} catch (CatalogException e) {
			current.set(new ConfigFile(path, current.get().config, now)); // report a bad edit once
			log.println("fakeyc: " + Main.describe(path, e) + "; keeping the last good config");
		} catch (RuntimeException | StackOverflowError e) {
			current.set(new ConfigFile(path, current.get().config, now));
			log.println("fakeyc: " + path + ": cannot be used (" + e.getClass().getSimpleName() + "); keeping the last good config");
		}
	}

	private volatile String lastProblem;

	/** Says once (until the problem changes) why the file was not read, and that the last good config stays. */
	private void report(PrintStream log, String problem) {
		if (!problem.equals(lastProblem)) {
			lastProblem = problem;
			log.println("fakeyc: " + path + " " + problem + "; keeping the last good config");
		}
	}

	private static CloudConfig parseAndValidate(String text) {
		CloudConfig config = CloudConfig.parse(text);
		config.validate();
		return config;
	}
}
