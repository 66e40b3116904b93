package dev.fakeyc.server.standalone;

import org.apiguardian.api.API;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.internal.engine.StandaloneSeam;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.internal.catalog.CatalogException;
import dev.fakeyc.server.internal.text.Excerpt;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone fake: {@code java -jar fakeyc-server-<version>-standalone.jar [--host 127.0.0.1]
 * [--port 8080] [--config cloud.json] [--grpc-port 0 [--grpc-ca-file ca.pem]]}. As soon as it accepts connections it
 * prints a line with {@code listening on http://HOST:PORT}; with {@code --grpc-port} a second one follows,
 * {@code fakeyc gRPC listening on HOST:PORT}, once the gRPC front (TLS) accepts connections too, and the
 * certificate's PEM is in the {@code --grpc-ca-file} before the first line. Exit codes: 0 after SIGTERM or SIGINT, 1 when it cannot listen,
 * 2 for a bad config file or a bad option.
 *
 * <p>Not API for embedding: public only because the JVM launches it; use {@code FakeYandexCloud} in a JVM test.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Main implements Callable<Integer> {
	static final int EXIT_CANNOT_LISTEN = 1;
	static final int EXIT_BAD_CONFIG = 2;

	String host;
	int port;
	Path config;
	boolean watch;
	boolean quiet;
	boolean allowRemoteControl;
	Integer grpcPort;
	Path grpcCaFile;

	/**
	 * The jar's options as picocli's programmatic model. Built by hand rather than from {@code @Option} annotations: the
	 * annotated form costs picocli a reflective walk of the class and an annotation proxy per option (about 25 ms of the
	 * cold start, on the path to the first answer); the options, their texts and picocli's parsing, messages and help
	 * are the same.
	 */
	static CommandSpec commandSpec(Main main) {
		CommandSpec spec = CommandSpec.wrapWithoutInspection(main);
		spec.name("fakeyc").version("fakeyc ".concat(version())); // concat, not +: no invokedynamic bootstrap on the way to the startup line
		spec.usageMessage().width(100).sortOptions(false)
				.description("A fake of Yandex Cloud API authentication: checks Authorization headers as the real cloud does.")
				.footer("", "Without --config it starts a demo cloud and prints one credential of each kind with curl lines to try.",
						"Exit codes: 0 stopped by SIGTERM/SIGINT; 1 cannot listen; 2 bad config file or option.");
		spec.addOption(option("--host", "ADDRESS", String.class, "127.0.0.1", "Address to listen on (default: ${DEFAULT-VALUE})."));
		spec.addOption(option("--port", "PORT", int.class, "8080", "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})."));
		spec.addOption(option("--config", "FILE", Path.class, null, "Accounts, credentials and catalog additions (JSON). Default: a demo cloud."));
		spec.addOption(option("--watch", null, boolean.class, null,
				"Reload --config when the file changes, keeping the port; a bad edit keeps the last good config (default: off)."));
		spec.addOption(option("--quiet", null, boolean.class, null, "No log line per request (default: off)."));
		spec.addOption(option("--allow-remote-control", null, boolean.class, null,
				"Serve the control API under /_fakeyc/ to any address, not only loopback (default: off)."));
		spec.addOption(option("--grpc-port", "PORT", Integer.class, null,
				"Also serve the gRPC front (TLS, what the official SDKs dial) on this port; 0 picks a free one (default: off)."));
		spec.addOption(option("--grpc-ca-file", "FILE", Path.class, null,
				"Write the gRPC front's certificate (PEM) to FILE before the startup lines, for clients to trust (needs --grpc-port)."));
		spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
		spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
		return spec;
	}

	private static OptionSpec option(String name, String paramLabel, Class<?> type, String defaultValue, String description) {
		OptionSpec.Builder option = OptionSpec.builder(name).type(type).description(description);
		if (paramLabel != null) {
			option.paramLabel(paramLabel);
		}
		if (defaultValue != null) {
			option.defaultValue(defaultValue);
		}
		return option.build();
	}

	/** Copies the parsed options into the fields {@link #call()} reads. */
	private void read(CommandSpec spec) {
		host = spec.findOption("--host").getValue();
		port = spec.findOption("--port").<Integer>getValue();
		config = spec.findOption("--config").getValue();
		watch = Boolean.TRUE.equals(spec.findOption("--watch").getValue());
		quiet = Boolean.TRUE.equals(spec.findOption("--quiet").getValue());
		allowRemoteControl = Boolean.TRUE.equals(spec.findOption("--allow-remote-control").getValue());
		grpcPort = spec.findOption("--grpc-port").getValue();
		grpcCaFile = spec.findOption("--grpc-ca-file").getValue();
	}

	private final PrintStream out;
	private final PrintStream err;
	/** Opened by the preload thread once the libraries' logging is quiet; nothing may load XNIO before. */
	private final CountDownLatch loggingQuiet = new CountDownLatch(1);
	/** The parsed command line; set before {@link #call()}. */
	private CommandSpec spec;

	Main(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs the standalone fake until SIGTERM or SIGINT, then exits the JVM.
	 *
	 * @param args the command line; {@code --help} lists the options
	 */
	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
		Main main = new Main(out, err);
		// first: a signal at any later moment of the start exits 0 (the JVM's default would be 143 or 130)
		for (String signal : new String[]{ "TERM", "INT" }) {
			Signal.handle(new Signal(signal), s -> main.onSignal());
		}
		// before XNIO loads: its MBeans would cost the JVM's whole platform MBean server on the way to the first answer
		LibraryMBeans.keepOffDuringStart();
		// the libraries' logging is set up, and the catalogs and Undertow's classes load, on the second core while this
		// thread parses the command line and builds the engine; XNIO, which announces itself at INFO, loads only after
		// the logging is quiet (there in order; here call() waits for it before the start)
		StandaloneSeam.preload(() -> {
			try {
				quietLibraries();
			} finally {
				main.loggingQuiet.countDown();
			}
		});
		// picocli registers converters for java.sql and java.time types by reflection (about 150 JDK classes); no option
		// here has such a type. A value given with -D wins.
		if (System.getProperty("picocli.converters.excludes") == null) {
			System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
		}
		CommandSpec spec = commandSpec(main);
		main.spec = spec;
		CommandLine cli = new CommandLine(spec);
		cli.setOut(new java.io.PrintWriter(out, true));
		cli.setErr(new java.io.PrintWriter(err, true));
		cli.setParameterExceptionHandler((e, a) -> {
			err.println("fakeyc: " + e.getMessage());
			err.println("Run with --help to see every option.");
			return EXIT_BAD_CONFIG;
		});
		int code = cli.execute(args);
		if (code != 0) {
			System.exit(code);
		}
	}

	/**
	 * Undertow and XNIO announce themselves at INFO, and log a client's broken connection with a
	 * stack trace: the jar keeps their warnings only, one line each, without stack traces.
	 */
	private static void quietLibraries() {
		String config = "handlers=java.util.logging.ConsoleHandler\n.level=WARNING\njava.util.logging.ConsoleHandler.level=WARNING\n";
		try {
			java.util.logging.LogManager.getLogManager().readConfiguration(new java.io.ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
		} catch (IOException e) {
			// keep the JVM's defaults: noisier, not wrong
		}
		for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
			h.setFormatter(new OneLine());
		}
	}

	/** Library logging off: once stopping (connections cut by the stop are no news), and always with --quiet. */
	static void silenceLibraries() {
		java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
	}

	/** A library's log record as one bounded line: {@code fakeyc: io.undertow.request.io: UT005090: … (IOException: …)}. */
	static final class OneLine extends java.util.logging.Formatter {
		@Override
		public String format(java.util.logging.LogRecord r) {
			String message = formatMessage(r);
			Throwable t = r.getThrown();
			String cause = t == null ? "" : " (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
			return "fakeyc: " + r.getLoggerName() + ": " + Excerpt.of(message + cause, 300).replace('\n', ' ') + System.lineSeparator();
		}
	}

	/** The fake once it started; a signal before that ends the process at once with 0. */
	private volatile FakeYandexCloud running;
	/** Guards {@link #running} and {@link #signalled} between the start and the signal handler. */
	private final Object startup = new Object();
	private boolean signalled;
	private final CountDownLatch stopped = new CountDownLatch(1);

	/** SIGTERM or SIGINT: stop quietly and exit 0, at whatever point of startup or service it comes. */
	private void onSignal() {
		silenceLibraries();
		FakeYandexCloud cloud;
		synchronized (startup) {
			signalled = true;
			cloud = running;
		}
		if (cloud == null) {
			err.println("fakeyc: stopped before it was listening");
			System.exit(0); // nothing listens yet: nothing to close
		}
		cloud.close();
		stopped.countDown();
	}

	@Override
	public Integer call() throws InterruptedException {
		read(spec);
		loggingQuiet.await(); // long open by now: set up on the preload thread while picocli parsed; before --quiet's silence
		if (quiet) {
			silenceLibraries();
		}
		if (host.isBlank()) {
			err.println("fakeyc: --host must be an address to listen on, such as 127.0.0.1 or 0.0.0.0; it was empty or blank");
			return EXIT_BAD_CONFIG;
		}
		if (port < 0 || port > 65535) {
			err.println("fakeyc: --port must be between 0 and 65535, not " + port);
			return EXIT_BAD_CONFIG;
		}
		if (grpcPort != null && (grpcPort < 0 || grpcPort > 65535)) {
			err.println("fakeyc: --grpc-port must be between 0 and 65535, not " + grpcPort);
			return EXIT_BAD_CONFIG;
		}
		if (grpcCaFile != null && grpcPort == null) {
			err.println("fakeyc: --grpc-ca-file needs --grpc-port PORT: without the gRPC front there is no certificate to write");
			return EXIT_BAD_CONFIG;
		}
		if (grpcCaFile != null && (grpcCaFile.toString().isBlank() || Files.isDirectory(grpcCaFile))) {
			err.println("fakeyc: --grpc-ca-file needs the path of a file to write, such as ca.pem; '" + grpcCaFile + "' is "
					+ (grpcCaFile.toString().isBlank() ? "empty" : "a directory"));
			return EXIT_BAD_CONFIG;
		}
		if (watch && config == null) {
			err.println("fakeyc: --watch needs --config FILE: there is nothing to watch in the demo cloud");
			return EXIT_BAD_CONFIG;
		}
		ConfigFile file = null;
		if (config != null) {
			try {
				file = ConfigFile.load(config);
			} catch (ConfigFile.Invalid e) {
				err.println("fakeyc: " + e.getMessage());
				return EXIT_BAD_CONFIG;
			}
		}
		FakeYandexCloud.Builder builder = FakeYandexCloud.builder().host(host).port(port)
				.controlApi(allowRemoteControl ? FakeYandexCloud.ControlApi.ANY_ADDRESS : FakeYandexCloud.ControlApi.LOOPBACK_ONLY);
		if (grpcPort != null) {
			builder.grpc(grpcPort);
		}
		FakeYandexCloud cloud = builder.build();
		if (!quiet) {
			StandaloneSeam.logRequests(cloud, this::log); // the jar's request log, through the engine's non-public seam
		}
		ConfigFile loaded = file;
		if (loaded != null) {
			loaded.applyTo(cloud); // declared: POST /_fakeyc/reset comes back to the file's last good version
		}
		try {
			cloud.start();
		} catch (IllegalStateException e) {
			err.println("fakeyc: " + e.getMessage() + "; choose another --port" + (grpcPort == null ? "" : " or --grpc-port") + ", or 0 for a free one");
			return EXIT_CANNOT_LISTEN;
		} finally {
			LibraryMBeans.startDone(); // the platform MBean server works as usual from here on, without XNIO's MBeans
		}
		String url = cloud.baseUrl().toString(); // read now: a SIGTERM may close the server while the demo is printed
		String grpcTarget = grpcPort == null ? null : cloud.grpcTarget();
		if (grpcCaFile != null) {
			try {
				writeAtomically(grpcCaFile, cloud.grpcCertificatePem());
			} catch (IOException e) {
				cloud.close();
				err.println("fakeyc: --grpc-ca-file " + grpcCaFile + ": cannot be written (" + e.getClass().getSimpleName() + ": " + e.getMessage()
						+ "); give a path in a writable directory");
				return EXIT_BAD_CONFIG;
			}
		}
		synchronized (startup) { // the startup line and the signal handler's look at `running`: one or the other first
			if (signalled) { // the handler found nothing listening and is exiting the JVM with 0
				cloud.close();
				return 0;
			}
			running = cloud;
			out.println("fakeyc ".concat(version()).concat(" listening on ").concat(url)); // concat, not +: see commandSpec
		}
		if (grpcTarget != null) {
			out.println("fakeyc gRPC listening on " + grpcTarget); // the second startup line: TLS, no scheme (a gRPC target)
		}
		if (loaded == null) {
			// created once listening, not before: nobody can send its credentials before they are printed, and the
			// startup line (what a waiting client polls for) comes that much sooner
			DemoCloud.create(cloud).print(out, url);
		} else {
			out.println("config " + config + " loaded" + (watch ? "; watching it for changes" : ""));
			if (watch) {
				loaded.watch(cloud, err);
			}
		}
		stopped.await();
		out.println("fakeyc stopped");
		return 0;
	}

	/**
	 * Writes a file in one step: a client that polls for it sees no file or the whole of it, never a part.
	 *
	 * @throws IOException when the directory is missing or not writable
	 */
	static void writeAtomically(Path file, String text) throws IOException {
		Path target = file.toAbsolutePath();
		Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
		try {
			Files.writeString(temp, text, StandardCharsets.US_ASCII);
			if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) { // a certificate is public: readable by all, like the PEM files in /etc/ssl
				Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
			}
			Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/** The most characters of a path, and of a reason, one log line keeps: a line stays short whatever the client sent. */
	static final int LOG_PATH_CHARS = 256;
	static final int LOG_REASON_CHARS = 512;

	/**
	 * One line per request, written before the answer is sent. A StringBuilder rather than a {@code +} chain: javac
	 * compiles a long chain into an invokedynamic whose first call spins about 20 method-handle classes, and the first
	 * request's answer waited for them.
	 */
	private void log(RecordedRequest r) {
		StringBuilder line = new StringBuilder(128).append(Excerpt.of(r.method(), 32)).append(' ').append(Excerpt.of(r.path(), LOG_PATH_CHARS))
				.append(' ').append(r.status()).append(' ').append(r.outcome()).append(' ');
		if (r.scheme().isEmpty()) {
			line.append('-');
		} else {
			line.append(r.scheme()).append(' ').append(r.credential());
		}
		err.println(line.append(" | ").append(Excerpt.of(r.reason(), LOG_REASON_CHARS)));
	}

	/** The version from the jar's manifest; {@code dev} when run from classes. */
	private static String version() {
		String v = Main.class.getPackage().getImplementationVersion();
		return v == null ? "dev" : v;
	}

	/** The most bytes a config file may have; a larger one is refused before it is read. */
	static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

	static String read(Path path) throws ConfigFile.Invalid {
		try {
			if (Files.isDirectory(path)) {
				throw new ConfigFile.Invalid(path + ": is a directory; --config takes a JSON file");
			}
			long size = Files.size(path);
			if (size > MAX_CONFIG_BYTES) {
				throw new ConfigFile.Invalid(path + ": is " + size + " bytes; a config file may have at most " + MAX_CONFIG_BYTES);
			}
			return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
					.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
		} catch (java.nio.charset.CharacterCodingException e) {
			throw new ConfigFile.Invalid(path + ": is not UTF-8 text; save it as UTF-8");
		} catch (NoSuchFileException e) {
			throw new ConfigFile.Invalid(path + ": no such file" + (Files.isSymbolicLink(path) ? " (a link to a file that does not exist)" : "")
					+ "; check the --config path");
		} catch (IOException e) {
			throw new ConfigFile.Invalid(path + ": cannot be read: " + e.getMessage());
		}
	}

	static String describe(Path path, CatalogException e) {
		return path + ": " + e.getMessage();
	}
}
