package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;

import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/**
 * One immutable set of authorization facts: the hierarchy, the explicit access bindings, the mode.
 * A request is decided on one such set ({@link AccessStore#current()}); a change makes a new one.
 *
 * @param hierarchy the resource hierarchy
 * @param bindings  the explicit access bindings, in the order granted, without duplicates
 * @param mode      which bindings count
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record AccessState(Hierarchy hierarchy, List<AccessBinding> bindings, AccessMode mode) {
	/** @param bindings copied */
	public AccessState {
		bindings = List.copyOf(bindings);
	}

	/** With one binding more (the same one again changes nothing). */
	public AccessState with(AccessBinding binding) {
		if (bindings.contains(binding)) {
			return this;
		}
		List<AccessBinding> next = new ArrayList<>(bindings);
		next.add(binding);
		return new AccessState(hierarchy, next, mode);
	}

	/** Without one binding. */
	public AccessState without(AccessBinding binding) {
		List<AccessBinding> next = new ArrayList<>(bindings);
		next.remove(binding);
		return new AccessState(hierarchy, next, mode);
	}

	/** With the bindings on one resource replaced by {@code replacement} (each must be on that resource). */
	public AccessState withBindingsOn(String resourceType, String resourceId, List<AccessBinding> replacement) {
		List<AccessBinding> next = new ArrayList<>();
		for (AccessBinding b : bindings) {
			if (!(b.resourceType().equals(resourceType) && b.resourceId().equals(resourceId))) {
				next.add(b);
			}
		}
		for (AccessBinding b : replacement) {
			if (!next.contains(b)) {
				next.add(b);
			}
		}
		return new AccessState(hierarchy, next, mode);
	}

	/** Without the bindings of one subject (a deleted account). */
	public AccessState withoutSubject(String subjectId) {
		List<AccessBinding> next = new ArrayList<>(bindings);
		next.removeIf(b -> b.subjectId().equals(subjectId));
		return next.size() == bindings.size() ? this : new AccessState(hierarchy, next, mode);
	}

	/** With another mode. */
	public AccessState with(AccessMode next) {
		return new AccessState(hierarchy, bindings, next);
	}

	/** With another hierarchy. */
	public AccessState with(Hierarchy next) {
		return new AccessState(next, bindings, mode);
	}

	/** The bindings of one subject, in the order granted. */
	public List<AccessBinding> bindingsOf(String subjectId) {
		List<AccessBinding> own = new ArrayList<>();
		for (AccessBinding b : bindings) {
			if (b.subjectId().equals(subjectId)) {
				own.add(b);
			}
		}
		return own;
	}

	/** The bindings on one resource, in the order granted. */
	public List<AccessBinding> bindingsOn(String resourceType, String resourceId) {
		List<AccessBinding> on = new ArrayList<>();
		for (AccessBinding b : bindings) {
			if (b.resourceType().equals(resourceType) && b.resourceId().equals(resourceId)) {
				on.add(b);
			}
		}
		return on;
	}
}
