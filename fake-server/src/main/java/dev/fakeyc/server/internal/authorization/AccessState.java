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
 * @param accounts  account state: users who have not accepted the terms, disabled service accounts
 * @param models    per-model access: models whose access is granted on request, and the grants
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record AccessState(Hierarchy hierarchy, List<AccessBinding> bindings, AccessMode mode, AccountState accounts, ModelAccess models) {
	/** @param bindings copied */
	public AccessState {
		bindings = List.copyOf(bindings);
	}

	/** A state with no account state and no per-model rule. */
	public AccessState(Hierarchy hierarchy, List<AccessBinding> bindings, AccessMode mode) {
		this(hierarchy, bindings, mode, AccountState.NONE, ModelAccess.NONE);
	}

	/**
	 * Account state (issue 16; reference §9.2): users who have not accepted the terms (their OAuth
	 * exchange is refused) and disabled service accounts (their requests are refused).
	 *
	 * @param termsPending user account ids
	 * @param disabled     service account ids
	 */
	public record AccountState(java.util.Set<String> termsPending, java.util.Set<String> disabled) {
		/** Nobody pending, nobody disabled. */
		public static final AccountState NONE = new AccountState(java.util.Set.of(), java.util.Set.of());

		/** @param termsPending copied; @param disabled copied */
		public AccountState {
			termsPending = java.util.Set.copyOf(termsPending);
			disabled = java.util.Set.copyOf(disabled);
		}

		/** With one id added to or removed from a set. */
		static java.util.Set<String> toggled(java.util.Set<String> set, String id, boolean in) {
			java.util.Set<String> next = new java.util.HashSet<>(set);
			if (in) {
				next.add(id);
			} else {
				next.remove(id);
			}
			return next;
		}
	}

	/**
	 * Per-model access granted on request (reference §9.3: "a model whose access is granted on request"):
	 * a model listed in {@code onRequest} answers {@code Access to model <model> denied} in a folder that
	 * has no grant, whatever the roles.
	 *
	 * @param onRequest models as the message names them ({@code art://yandex-art/latest})
	 * @param granted   {@code <folder> <model>} pairs
	 */
	public record ModelAccess(java.util.Set<String> onRequest, java.util.Set<String> granted) {
		/** No model needs a grant. */
		public static final ModelAccess NONE = new ModelAccess(java.util.Set.of(), java.util.Set.of());

		/** @param onRequest copied; @param granted copied */
		public ModelAccess {
			onRequest = java.util.Set.copyOf(onRequest);
			granted = java.util.Set.copyOf(granted);
		}

		/** Whether a folder may use a model. */
		public boolean allows(String folderId, String model) {
			return !onRequest.contains(model) || granted.contains(folderId + " " + model);
		}
	}

	/** With a user's terms pending (or accepted). */
	public AccessState withTermsPending(String userId, boolean pending) {
		return new AccessState(hierarchy, bindings, mode,
				new AccountState(AccountState.toggled(accounts.termsPending(), userId, pending), accounts.disabled()), models);
	}

	/** With a service account disabled (or enabled). */
	public AccessState withDisabled(String serviceAccountId, boolean disabled) {
		return new AccessState(hierarchy, bindings, mode,
				new AccountState(accounts.termsPending(), AccountState.toggled(accounts.disabled(), serviceAccountId, disabled)), models);
	}

	/** With a model whose access is granted on request. */
	public AccessState withModelOnRequest(String model) {
		return new AccessState(hierarchy, bindings, mode, accounts,
				new ModelAccess(AccountState.toggled(models.onRequest(), model, true), models.granted()));
	}

	/** With a model's access granted to a folder. */
	public AccessState withModelGranted(String folderId, String model) {
		return new AccessState(hierarchy, bindings, mode, accounts,
				new ModelAccess(models.onRequest(), AccountState.toggled(models.granted(), folderId + " " + model, true)));
	}

	/** With one binding more (the same one again changes nothing). */
	public AccessState with(AccessBinding binding) {
		if (bindings.contains(binding)) {
			return this;
		}
		List<AccessBinding> next = new ArrayList<>(bindings);
		next.add(binding);
		return new AccessState(hierarchy, next, mode, accounts, models);
	}

	/** Without one binding. */
	public AccessState without(AccessBinding binding) {
		List<AccessBinding> next = new ArrayList<>(bindings);
		next.remove(binding);
		return new AccessState(hierarchy, next, mode, accounts, models);
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
		return new AccessState(hierarchy, next, mode, accounts, models);
	}

	/** Without the bindings of one subject (a deleted account). */
	public AccessState withoutSubject(String subjectId) {
		if (bindings.isEmpty() && !accounts.termsPending().contains(subjectId) && !accounts.disabled().contains(subjectId)) {
			return this;
		}
		List<AccessBinding> next = new ArrayList<>(bindings);
		next.removeIf(b -> b.subjectId().equals(subjectId));
		return new AccessState(hierarchy, next, mode,
				new AccountState(AccountState.toggled(accounts.termsPending(), subjectId, false), AccountState.toggled(accounts.disabled(), subjectId, false)),
				models);
	}

	/** With another mode. */
	public AccessState with(AccessMode next) {
		return new AccessState(hierarchy, bindings, next, accounts, models);
	}

	/** With another hierarchy. */
	public AccessState with(Hierarchy next) {
		return new AccessState(next, bindings, mode, accounts, models);
	}

	/** The bindings of one subject, in the order granted. */
	public List<AccessBinding> bindingsOf(String subjectId) {
		if (bindings.isEmpty()) {
			return List.of(); // the usual case on the request path: nothing to copy
		}
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
