package dev.fakeyc.server.standalone;

/**
 * Keeps XNIO's and JBoss Threads' MBeans off the JVM's platform MBean server while the standalone fake starts.
 *
 * <p>XNIO registers every worker and listener with {@code ManagementFactory.getPlatformMBeanServer()} and has no switch
 * to stop it. The first such call builds the platform server with every MXBean of the JVM: on a cold JVM about 270
 * classes and 150 ms of one core, a third of the jar's way to its first answer (and the same in a bare Undertow jar). A
 * test fake has no use for those MBeans. So, for the start only, the JMX property {@code javax.management.builder.initial}
 * names a builder class that does not exist: {@code MBeanServerFactory} then throws a {@code JMRuntimeException}, as its
 * Javadoc says, XNIO catches it (its registration is best-effort: it registers nothing and goes on), and no platform
 * server is built. JBoss Threads, whose executor would register too, has its own switch,
 * {@code jboss.threads.eqe.register-mbean}, read once. Both properties are cleared once the fake listens: from then on
 * the platform MBean server is built as usual when asked for (jconsole, {@code jcmd … ManagementAgent.start}), only
 * without XNIO's MBeans.
 *
 * <p>Left alone: a property given on the command line (then the JVM does what it says), and a platform server that
 * exists before {@code main} ({@code -Dcom.sun.management.jmxremote} starts one): XNIO then registers there as usual.
 */
final class LibraryMBeans {
	static final String BUILDER = "javax.management.builder.initial";
	static final String THREADS = "jboss.threads.eqe.register-mbean";
	/** A class name that names this reason in the JDK's message and that no class loader can find. */
	static final String NO_BUILDER = LibraryMBeans.class.getName() + "$OffWhileTheFakeStarts";

	private static boolean builderSet;
	private static boolean threadsSet;

	private LibraryMBeans() {
	}

	/** Before anything loads XNIO: sets both properties, each only when the command line did not. Main thread only. */
	static void keepOffDuringStart() {
		if (System.getProperty(BUILDER) == null) {
			System.setProperty(BUILDER, NO_BUILDER);
			builderSet = true;
		}
		if (System.getProperty(THREADS) == null) {
			System.setProperty(THREADS, "false");
			threadsSet = true;
		}
	}

	/** Once the fake listens (or failed to): clears what {@link #keepOffDuringStart} set. Main thread only. */
	static void startDone() {
		if (builderSet) {
			System.clearProperty(BUILDER);
			builderSet = false;
		}
		if (threadsSet) {
			System.clearProperty(THREADS);
			threadsSet = false;
		}
	}
}
