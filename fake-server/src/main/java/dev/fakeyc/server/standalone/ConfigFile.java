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
			CloudConfig config = CloudConfig.parse(text);
			config.validate();
			return new ConfigFile(path, config, text);
		} catch (CatalogException e) {
			throw new Invalid(Main.describe(path, e));
		}
	}

	/** The config in force: this one, or the last good one read since. */
	ConfigFile current() {
		return current.get();
	}

	void applyTo(FakeYandexCloud cloud) {
		cloud.replaceCatalog(config.servicesJson());
		config.apply(cloud);
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
		String now;
		try {
			if (!Files.exists(path)) {
				return;
			}
			now = Main.read(path);
		} catch (Invalid e) {
			return;
		}
		if (now.equals(current.get().text)) {
			return;
		}
		try {
			ConfigFile next = new ConfigFile(path, parseAndValidate(now), now);
			synchronized (this) {
				cloud.clearCredentials();
				next.applyTo(cloud);
				current.set(next);
			}
			log.println("fakeyc: " + path + " reloaded");
		} catch (CatalogException e) {
			current.set(new ConfigFile(path, current.get().config, now)); // report a bad edit once
			log.println("fakeyc: " + Main.describe(path, e) + "; keeping the last good config");
		}
	}

	private static CloudConfig parseAndValidate(String text) {
		CloudConfig config = CloudConfig.parse(text);
		config.validate();
		return config;
	}
}
