package dev.fakeyc.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named latches and counters that fixture tests of one engine run share, to force an interleaving
 * rather than hope for it. Each run has its own gate (found by the id the run's configuration carries),
 * so outer tests stay independent when they run in parallel.
 */
final class Gate implements AutoCloseable {
	static final String PARAMETER = "fakeyc.test.gate";
	private static final Map<String, Gate> OPEN = new ConcurrentHashMap<>();

	private final String id = UUID.randomUUID().toString();
	private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
	private final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();

	private Gate() {
	}

	static Gate open() {
		Gate gate = new Gate();
		OPEN.put(gate.id, gate);
		return gate;
	}

	String id() {
		return id;
	}

	/** Opens the latch {@code name} (made on first use, opened by one call). */
	void open(String name) {
		latch(name).countDown();
	}

	/** Waits for the latch {@code name}; fails the test after {@code timeout}. */
	void await(String name, Duration timeout) {
		if (!awaitOrTimeOut(name, timeout)) {
			throw new AssertionError("gate '" + name + "' was not opened within " + timeout);
		}
	}

	/** Waits for the latch {@code name} at most {@code timeout}; whether it opened. */
	boolean awaitOrTimeOut(String name, Duration timeout) {
		try {
			return latch(name).await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted at gate '" + name + "'", e);
		}
	}

	boolean isOpen(String name) {
		return latch(name).getCount() == 0;
	}

	/** The barrier {@code name} for {@code parties} tests (made on first use). */
	CyclicBarrier barrier(String name, int parties) {
		return barriers.computeIfAbsent(name, k -> new CyclicBarrier(parties));
	}

	AtomicInteger counter(String name) {
		return counters.computeIfAbsent(name, k -> new AtomicInteger());
	}

	private CountDownLatch latch(String name) {
		return latches.computeIfAbsent(name, k -> new CountDownLatch(1));
	}

	@Override
	public void close() {
		OPEN.remove(id);
	}

	/** Gives fixture tests the gate of their run. */
	static final class Resolver implements ParameterResolver {
		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == Gate.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			String id = context.getConfigurationParameter(PARAMETER)
					.orElseThrow(() -> new IllegalStateException("run this fixture with Engine.runConcurrently(gate, …)"));
			Gate gate = OPEN.get(id);
			if (gate == null) {
				throw new IllegalStateException("gate " + id + " is closed");
			}
			return gate;
		}
	}
}
