package dev.fakeyc.junit;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs fixture classes through the Jupiter engine, as a build would, and reads what they reported. */
final class Engine {
	private Engine() {
	}

	static EngineExecutionResults run(Class<?>... classes) {
		return builder(false, classes).execute();
	}

	static EngineExecutionResults runConcurrently(Class<?>... classes) {
		return builder(true, classes).execute();
	}

	/** Runs concurrently with {@code gate} given to the fixtures' {@link Gate} parameters. */
	static EngineExecutionResults runConcurrently(Gate gate, Class<?>... classes) {
		return builder(true, classes).configurationParameter(Gate.PARAMETER, gate.id()).execute();
	}

	private static EngineTestKit.Builder builder(boolean concurrent, Class<?>... classes) {
		EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
				.configurationParameter("junit.jupiter.execution.parallel.enabled", Boolean.toString(concurrent))
				.configurationParameter("junit.jupiter.execution.parallel.mode.default", concurrent ? "concurrent" : "same_thread")
				.configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", concurrent ? "concurrent" : "same_thread")
				// enough threads for the gates' parties whatever the machine's core count
				.configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
				.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "6")
				.configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "12");
		for (Class<?> c : classes) {
			builder.selectors(selectClass(c));
		}
		return builder;
	}

	/** The values the fixtures published with {@code TestReporter} under {@code key}, in event order. */
	static List<String> reported(EngineExecutionResults results, String key) {
		return results.allEvents().reportingEntryPublished().stream()
				.map(Event::getPayload).flatMap(Optional::stream)
				.map(p -> ((org.junit.platform.engine.reporting.ReportEntry) p).getKeyValuePairs())
				.map(Map::entrySet).flatMap(java.util.Set::stream)
				.filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
	}

	/** The message of the single failure among the containers (a class whose set-up failed). */
	static String failureMessageOfContainer(EngineExecutionResults results) {
		return results.containerEvents().failed().stream().findFirst()
				.flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
				.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage)
				.orElseThrow(() -> new AssertionError("no container failed"));
	}

	/** Asserts that {@code count} tests ran and all succeeded, showing each failure's message otherwise. */
	static void assertAllSucceeded(EngineExecutionResults results, int count) {
		List<String> failures = results.allEvents().failed().stream()
				.map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
						.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))
				.toList();
		org.assertj.core.api.Assertions.assertThat(failures).as("failures").isEmpty();
		results.testEvents().assertStatistics(s -> s.started(count).succeeded(count));
	}

	/** The message of the single failure among the tests. */
	static String failureMessage(EngineExecutionResults results) {
		return results.testEvents().failed().stream().findFirst()
				.flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
				.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage)
				.orElseThrow(() -> new AssertionError("no test failed"));
	}
}
