package dev.fakeyc.junit.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Undertow's, XNIO's and JBoss Threads' INFO lines ({@code XNIO version …}, {@code starting server:
 * Undertow …}, {@code JBoss Threads version …}) out of test output: before a fake starts, it sets the
 * {@code java.util.logging} loggers {@code org.xnio}, {@code io.undertow} and {@code org.jboss.threads} to
 * WARNING — only those three, and only when the user's logging
 * configuration gave them no level (a {@code org.xnio.level=INFO} line brings the messages back).
 * jboss-logging writes to {@code java.util.logging} unless Logback/SLF4J, Log4j 2 or JBoss LogManager is
 * on the classpath; those the user configures (the README gives the lines).
 */
public final class ServerLogLevels {
	private static final List<String> NAMES = List.of("org.xnio", "io.undertow", "org.jboss.threads");
	// java.util.logging holds loggers weakly: a level set on a logger nobody references would be lost
	private static final List<Logger> QUIETED = new CopyOnWriteArrayList<>();

	private ServerLogLevels() {
	}

	/** Sets the three loggers to WARNING unless configured; idempotent and safe from many threads. */
	public static synchronized void quietUnlessConfigured() {
		for (String name : NAMES) {
			Logger logger = Logger.getLogger(name);
			if (logger.getLevel() == null) {
				logger.setLevel(Level.WARNING);
				QUIETED.add(logger);
			}
		}
	}
}
