package dev.fakeyc.server.standalone;

import dev.fakeyc.server.FakeYandexCloud;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Run in a JVM of its own by {@link LibraryMBeansTest} (system properties and the platform MBean server are per JVM):
 * starts a fake between {@link LibraryMBeans#keepOffDuringStart()} and {@link LibraryMBeans#startDone()} as the jar
 * does, asks it one request, starts a second fake afterwards and asks it one too, then prints one {@code key=value} line
 * each: both answers' statuses, the property after the start, how many MBeans JBoss Threads (XNIO's executor) registered
 * for the first fake, how many XNIO registered for both (its registration stays off once it failed: only the
 * executor of a fake started later registers), and whether the platform MBean server serves the JVM's own MXBeans.
 */
public final class LibraryMBeansMain {
	private LibraryMBeansMain() {
	}

	public static void main(String[] args) throws Exception {
		LibraryMBeans.keepOffDuringStart();
		int status;
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().build()) {
			try {
				cloud.start();
			} finally {
				LibraryMBeans.startDone();
			}
			status = status(cloud);
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			int threads = server.queryNames(new ObjectName("jboss.threads:*"), null).size(); // the fake started in the window
			try (FakeYandexCloud later = FakeYandexCloud.builder().build().start()) {
				System.out.println("status=" + status);
				System.out.println("later=" + status(later));
				System.out.println("builder=" + System.getProperty(LibraryMBeans.BUILDER));
				System.out.println("threads=" + threads);
				System.out.println("xnio=" + server.queryNames(new ObjectName(org.xnio.Xnio.class.getPackageName() + ":*"), null).size());
				System.out.println("runtime=" + server.isRegistered(new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME)));
			}
		}
	}

	private static int status(FakeYandexCloud cloud) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/compute/v1/instances")).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}
}
