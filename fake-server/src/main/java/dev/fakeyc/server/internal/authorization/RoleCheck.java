package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.internal.answer.GrpcStatus;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.decision.Authorization;
import dev.fakeyc.server.internal.decision.RequestFacts;
import dev.fakeyc.server.internal.decision.Verdict;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * The role check after authentication (reference §9.3): the route's resource needs a permission
 * ({@link RoleCatalog}); the subject must hold a role granting it, bound on the folder the request
 * acts in, its cloud or its organization. Otherwise 403 / {@code PERMISSION_DENIED} (7) with the
 * cloud's message for that service, and a reason naming the permission and the bindings consulted.
 *
 * <p>In {@link AccessMode#DEFAULT} an account with no explicit binding anywhere passes (see there).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class RoleCheck implements Authorization {
	/** The message's head and tail in the hierarchy list form; the resources go between, nearest first. */
	static final String LIST_PREFIX = "Permission to [";
	static final String LIST_SUFFIX = "] denied";
	/** The per-model form, around the model URI without its folder. */
	static final String MODEL_PREFIX = "Access to model ";
	static final String MODEL_SUFFIX = " denied";
	/** How the reason of a refusal for a missing role begins (the report finds them by it). */
	static final String MISSING_ROLE = "missing role: ";
	/** The generic 403 message (reference §0 step 7). */
	static final String PERMISSION_DENIED = "Permission denied";

	private final AccessStore store;
	private final RoleCatalog catalog;

	/**
	 * @param store   the hierarchy, bindings and mode
	 * @param catalog what each resource needs
	 */
	public RoleCheck(AccessStore store, RoleCatalog catalog) {
		this.store = store;
		this.catalog = catalog;
	}

	@Override
	public Verdict authorize(Route route, RequestFacts facts, Verdict authenticated) {
		String subject = authenticated.subjectId();
		if (subject.isEmpty()) {
			return authenticated; // an anonymous route
		}
		AccessState state = store.current(); // one state for the whole decision
		if (state.accounts().disabled().contains(subject)) {
			// chosen: the cloud's answer to a disabled service account is not documented; the generic 403 of reference §0 step 7
			return new Verdict(Outcome.REJECTED, 403, GrpcStatus.PERMISSION_DENIED.code(), PERMISSION_DENIED,
					() -> "service account '" + subject + "' is disabled (the test disabled it)", subject, authenticated.folderId());
		}
		Optional<Requirement> needed = catalog.requirement(route.service().id(), route.resource().id());
		if (needed.isEmpty() || needed.get().onPath()) {
			return authenticated;
		}
		Requirement requirement = needed.get();
		if (!facts.modelUri().isEmpty()) {
			String model = withoutFolder(facts.modelUri());
			if (!state.models().allows(authenticated.folderId(), model)) {
				return new Verdict(Outcome.REJECTED, 403, GrpcStatus.PERMISSION_DENIED.code(), MODEL_PREFIX + model + MODEL_SUFFIX,
						() -> "model " + model + " is granted on request, and folder '" + authenticated.folderId() + "' has no grant for it", subject,
						authenticated.folderId());
			}
		}
		List<AccessBinding> own = state.bindingsOf(subject);
		if (own.isEmpty() && state.mode() == AccessMode.DEFAULT) {
			return authenticated;
		}
		List<Hierarchy.Node> path = state.hierarchy().path(authenticated.folderId());
		Optional<AccessBinding> granting = granting(own, requirement, path);
		if (granting.isPresent()) {
			AccessBinding b = granting.get();
			return new Verdict(Outcome.ACCEPTED, authenticated.httpStatus(), authenticated.grpcCode(), authenticated.message(),
					() -> authenticated.reason() + "; permission " + requirement.permission() + " granted by " + b.describe(), subject,
					authenticated.folderId());
		}
		return new Verdict(Outcome.REJECTED, 403, GrpcStatus.PERMISSION_DENIED.code(), message(requirement, facts, path),
				() -> refusal(requirement, subject, path, own, state.mode()), subject, authenticated.folderId());
	}

	/**
	 * The role check against resources named explicitly (the access-binding API, whose resource is in the
	 * URL): the same rule as {@link #authorize}, on {@code path}.
	 *
	 * @param requirement what the route needs
	 * @param subject     the account
	 * @param path        the resource and what lies above it, nearest first
	 * @return empty when allowed, else the 403 message (the hierarchy list form)
	 */
	public Optional<String> refusalOn(Requirement requirement, String subject, List<Hierarchy.Node> path) {
		AccessState state = store.current();
		List<AccessBinding> own = state.bindingsOf(subject);
		if (own.isEmpty() && state.mode() == AccessMode.DEFAULT) {
			return Optional.empty();
		}
		return granting(own, requirement, path).isPresent() ? Optional.empty() : Optional.of(message(requirement, new RequestFacts(null, "", ""), path));
	}

	/** The first binding, nearest resource first, that grants the requirement somewhere on the path. */
	private static Optional<AccessBinding> granting(List<AccessBinding> own, Requirement requirement, List<Hierarchy.Node> path) {
		for (Hierarchy.Node node : path) {
			for (AccessBinding b : own) {
				if (node.holds(b) && requirement.grantedBy(b.roleId())) {
					return Optional.of(b);
				}
			}
		}
		return Optional.empty();
	}

	private static String message(Requirement requirement, RequestFacts facts, List<Hierarchy.Node> path) {
		if (requirement.denial() == Requirement.Denial.MODEL && !facts.modelUri().isEmpty()) {
			return MODEL_PREFIX + withoutFolder(facts.modelUri()) + MODEL_SUFFIX;
		}
		StringBuilder sb = new StringBuilder(LIST_PREFIX);
		for (int i = 0; i < path.size(); i++) {
			sb.append(i == 0 ? "" : ", ").append(path.get(i));
		}
		return sb.append(LIST_SUFFIX).toString();
	}

	/** {@code art://b1g…/yandex-art/latest} → {@code art://yandex-art/latest}, as the cloud's message shows it (reference §9.3). */
	static String withoutFolder(String uri) {
		int scheme = uri.indexOf("://");
		if (scheme <= 0) {
			return uri;
		}
		int slash = uri.indexOf('/', scheme + 3);
		return slash < 0 ? uri : uri.substring(0, scheme + 3) + uri.substring(slash + 1);
	}

	private static String refusal(Requirement requirement, String subject, List<Hierarchy.Node> path, List<AccessBinding> own, AccessMode mode) {
		StringBuilder sb = new StringBuilder(MISSING_ROLE).append("account '").append(subject).append("' needs permission ")
				.append(requirement.permission()).append(" (granted by ").append(String.join(", ", requirement.roles()))
				.append(" or primitive ").append(requirement.primitive()).append("+) on one of ").append(path).append("; bindings consulted: ");
		if (own.isEmpty()) {
			sb.append("none (").append(mode == AccessMode.STRICT ? "strict mode: only explicit bindings count" : "no binding").append(')');
		} else {
			for (int i = 0; i < own.size(); i++) {
				sb.append(i == 0 ? "" : ", ").append(own.get(i).describe());
			}
		}
		return sb.append("; source: ").append(requirement.source()).toString();
	}
}
