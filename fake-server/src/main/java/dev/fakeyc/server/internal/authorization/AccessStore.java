package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.AccessMode;

import java.util.List;
import java.util.function.UnaryOperator;

import org.apiguardian.api.API;

/**
 * The authorization facts of one fake cloud, with the credential store's atomicity: readers take
 * {@link #current()} and decide a whole request on it; writers are serialized and each change swaps
 * in a new immutable {@link AccessState} with one write, so a request sees the old state or the new
 * one, and a change that throws leaves the state as it was.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class AccessStore {
	private final Object writes = new Object();
	private final AccessState initial;
	private volatile AccessState current;

	/**
	 * @param organizationId the default organization's id ({@code bpf…})
	 * @param defaultCloudId the default cloud's id ({@code b1g…})
	 */
	public AccessStore(String organizationId, String defaultCloudId) {
		this.initial = new AccessState(Hierarchy.of(organizationId, defaultCloudId), List.of(), AccessMode.DEFAULT);
		this.current = initial;
	}

	/** The state in force now. */
	public AccessState current() {
		return current;
	}

	/**
	 * Makes one change as a whole.
	 *
	 * @param change from the current state to the next; may throw, and then nothing changes
	 * @return the state after the change
	 */
	public AccessState change(UnaryOperator<AccessState> change) {
		synchronized (writes) {
			AccessState next = change.apply(current);
			current = next;
			return next;
		}
	}

	/** Back to one organization, one cloud, no bindings; the mode stays (it was chosen when the fake was built). */
	public void reset() {
		resetThen(UnaryOperator.identity());
	}

	/**
	 * Back to the start and then {@code then}, in one change: a request sees the state before or the state after,
	 * never the bare start between them (a reset that re-applies a declared config keeps its bindings throughout).
	 *
	 * @param then what to apply to the fresh state (e.g. a config's access section)
	 * @return the state after the change
	 */
	public AccessState resetThen(UnaryOperator<AccessState> then) {
		return change(s -> then.apply(initial.with(s.mode())));
	}
}
