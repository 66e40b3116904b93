package dev.fakeyc.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apiguardian.api.API;

/**
 * Keeps Undertow's, XNIO's and JBoss Threads' INFO lines ({@code starting server: Undertow …},
 * {@code XNIO version …}, {@code JBoss Threads version …}) out of test output: it sets the
 * {@code java.util.logging} loggers {@code org.xnio}, {@code io.undertow} and {@code org.jboss.threads} to
 * WARNING — only those three, and only when the user's logging configuration gave them no level (a
 * {@code org.xnio.level=INFO} line brings the messages back). jboss-logging writes to
 * {@code java.util.logging} unless Logback/SLF4J, Log4j 2 or JBoss LogManager is on the classpath; those
 * the user configures (the README gives the lines).
 *
 * <p>The extension keeps the one instance of a run in JUnit's root store: {@code java.util.logging}
 * holds loggers weakly, and a level set on a logger nobody references would be lost.
 *
 * @param quieted the loggers this run set to WARNING
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ServerLogLevels(List<Logger> quieted) {
	private static final List<String> NAMES = List.of("org.xnio", "io.undertow", "org.jboss.threads");

	/** Sets the three loggers to WARNING where unconfigured, and holds them. */
	public static ServerLogLevels quietUnlessConfigured() {
		List<Logger> quieted = new ArrayList<>();
		for (String name : NAMES) {
			Logger logger = Logger.getLogger(name);
			if (logger.getLevel() == null) {
				logger.setLevel(Level.WARNING);
				quieted.add(logger);
			}
		}
		return new ServerLogLevels(List.copyOf(quieted));
	}
}
