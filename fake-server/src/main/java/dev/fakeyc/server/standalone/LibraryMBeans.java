package dev.fakeyc.server.standalone;

/**
 * Keeps XNIO's MBeans off the JVM's platform MBean server while the standalone fake starts.
 *
 * <p>XNIO registers every worker, its executor (JBoss Threads) and every listener with
 * {@code ManagementFactory.getPlatformMBeanServer()} and has no switch to stop it (it sets the executor's own switch,
 * {@code jboss.threads.eqe.register-mbean}, itself). The first such call builds the platform server with every MXBean
 * of the JVM: on a cold JVM about 270 classes and 150 ms of one core, a third of the jar's way to its first answer (and
 * the same in a bare Undertow jar). A test fake has no use for those MBeans. So, for the start only, the JMX property
 * {@code javax.management.builder.initial} names a builder class that does not exist: {@code MBeanServerFactory} then
 * throws a {@code JMRuntimeException}, as its Javadoc says, XNIO and JBoss Threads catch it (their registration is
 * best-effort: they register nothing and go on), and no platform server is built. The property is cleared once the fake
 * listens: from then on the platform MBean server is built as usual when asked for (jconsole,
 * {@code jcmd … ManagementAgent.start}), only without XNIO's MBeans. A tool that asks for it during the start (the
 * first half second) gets that {@code JMRuntimeException}, naming this class, and can ask again once the jar listens.
 *
 * <p>Left alone: the property given on the command line (then the JVM does what it says), and a platform server that
 * exists before {@code main} ({@code -Dcom.sun.management.jmxremote} starts one): XNIO then registers there as usual.
 */
final class LibraryMBeans {
	static final String BUILDER = "javax.management.builder.initial";
	/** A class name that names this reason in the JDK's message and that no class loader can find. */
	static final String NO_BUILDER = LibraryMBeans.class.getName() + "$OffWhileTheFakeStarts";

	private static boolean builderSet;

	private LibraryMBeans() {
	}

	/** Before anything loads XNIO: sets the property when the command line did not. Main thread only. */
	static void keepOffDuringStart() {
		if (System.getProperty(BUILDER) == null) {
			System.setProperty(BUILDER, NO_BUILDER);
			builderSet = true;
		}
	}

	/** Once the fake listens (or failed to): clears what {@link #keepOffDuringStart} set. Main thread only. */
	static void startDone() {
		if (builderSet) {
			System.clearProperty(BUILDER);
			builderSet = false;
		}
	}
}
