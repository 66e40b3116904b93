package dev.fakeyc.testcontainers;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * Waits for the standalone jar's {@code listening on http://HOST:PORT} line (the standalone contract in
 * DESIGN.md), and fails at once, with the container's output, when fakeyc exits first (a bad config or
 * variable exits with code 2) instead of waiting out the timeout.
 */
final class StartupLine extends AbstractWaitStrategy {
	private static final Pattern LISTENING = Pattern.compile("listening on http://\\S+");
	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	StartupLine(Duration timeout) {
		withStartupTimeout(timeout);
	}

	@Override
	protected void waitUntilReady() {
		long deadline = System.nanoTime() + startupTimeout.toNanos();
		while (true) {
			String logs = waitStrategyTarget.getLogs();
			if (LISTENING.matcher(logs).find()) {
				return;
			}
			if (!waitStrategyTarget.isRunning()) {
				Long exit = waitStrategyTarget.getCurrentContainerInfo().getState().getExitCodeLong();
				throw new ContainerLaunchException("fakeyc exited with code " + exit + " before listening; its output:\n" + logs);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new ContainerLaunchException("fakeyc printed no 'listening on http://' line within " + startupTimeout.toSeconds()
						+ " s; its output so far:\n" + logs);
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}
}
