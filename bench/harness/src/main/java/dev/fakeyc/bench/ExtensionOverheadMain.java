package dev.fakeyc.bench;

import dev.fakeyc.junit.WithFakeYandexCloud;
import dev.fakeyc.server.IamToken;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The JUnit extension's cost per test: the same 1,000 tests run through the JUnit launcher plain, with
 * {@code @WithFakeYandexCloud} (a server per class), and with a shared server; each also with an
 * injected IAM token (a fresh service account and token per test, deleted after it). Prints
 * {@code <case> <median ms per test, extension minus plain>} lines.
 */
public final class ExtensionOverheadMain {
	static final int TESTS = 1000;

	public static class Plain {
		@RepeatedTest(TESTS)
		void test() {
		}
	}

	@WithFakeYandexCloud
	public static class PerClass {
		@RepeatedTest(TESTS)
		void test() {
		}
	}

	@WithFakeYandexCloud(shared = true)
	public static class Shared {
		@RepeatedTest(TESTS)
		void test() {
		}
	}

	@WithFakeYandexCloud
	public static class PerClassWithToken {
		@RepeatedTest(TESTS)
		void test(IamToken token) {
		}
	}

	@WithFakeYandexCloud(shared = true)
	public static class SharedWithToken {
		@RepeatedTest(TESTS)
		void test(IamToken token) {
		}
	}

	public static void main(String[] args) {
		Launcher launcher = LauncherFactory.create();
		Class<?>[] cases = { Plain.class, PerClass.class, Shared.class, PerClassWithToken.class, SharedWithToken.class };
		for (Class<?> c : cases) { // warm-up
			run(launcher, c);
			run(launcher, c);
		}
		double plain = median(launcher, Plain.class);
		for (Class<?> c : Arrays.copyOfRange(cases, 1, cases.length)) {
			System.out.printf("%s %.4f%n", c.getSimpleName(), (median(launcher, c) - plain) / TESTS);
		}
	}

	private static double median(Launcher launcher, Class<?> c) {
		double[] ms = new double[5];
		for (int i = 0; i < ms.length; i++) {
			ms[i] = run(launcher, c);
		}
		Arrays.sort(ms);
		return ms[ms.length / 2];
	}

	private static double run(Launcher launcher, Class<?> c) {
		LauncherDiscoveryRequest request = request().selectors(selectClass(c)).build();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		long start = System.nanoTime();
		launcher.execute(request, summary);
		double ms = (System.nanoTime() - start) / 1e6;
		if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount() != TESTS) {
			throw new IllegalStateException(c.getSimpleName() + ": " + summary.getSummary().getTotalFailureCount() + " failures");
		}
		return ms;
	}
}
