package dev.fakeyc.server.internal.authorization;

import java.util.List;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * What a catalog resource needs: a permission, and the roles granting it (a row of {@code roles.json}).
 *
 * @param service    the catalog service id
 * @param resource   the catalog resource id within it
 * @param permission the permission the resource's routes need, such as {@code ai.languageModels.execute}
 * @param roles      the service roles granting it, narrowest first (the report names the first)
 * @param primitive  the least primitive role granting it: {@code viewer} (reads) or {@code editor} (writes); {@code admin} always does
 * @param denial     how a refusal reads: the hierarchy list form, or the per-model form
 * @param source     the docs page the row comes from, or why it was chosen
 * @param onPath     whether the resource the role must be bound on is named in the path (the access-binding API),
 *                   not the folder the request acts in; the route's own endpoint checks it then
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Requirement(String service, String resource, String permission, List<String> roles, String primitive, Denial denial,
		String source, boolean onPath) {
	/** The two 403 message forms of reference §9.3. */
	public enum Denial {
		/** {@code Permission to [resource-manager.folder F, resource-manager.cloud C, organization-manager.organization O] denied}. */
		HIERARCHY,
		/** {@code Access to model art://yandex-art/latest denied}: the model URI without its folder. */
		MODEL
	}

	private static final Set<String> PRIMITIVES = Set.of("viewer", "editor", "admin");

	/**
	 * @throws IllegalArgumentException for an empty role list or an unknown primitive role
	 */
	public Requirement {
		roles = List.copyOf(roles);
		if (roles.isEmpty()) {
			throw new IllegalArgumentException(service + "/" + resource + ": roles must name at least one role");
		}
		if (!PRIMITIVES.contains(primitive)) {
			throw new IllegalArgumentException(service + "/" + resource + ": primitive must be viewer, editor or admin: '" + primitive + "'");
		}
	}

	/**
	 * Whether a role grants this permission: one of {@link #roles()}, or a primitive role at least
	 * {@link #primitive()} ({@code admin} ⊃ {@code editor} ⊃ {@code viewer}).
	 */
	public boolean grantedBy(String roleId) {
		if (roles.contains(roleId)) {
			return true;
		}
		return switch (roleId) {
			case "admin" -> true;
			case "editor" -> !primitive.equals("admin");
			case "viewer" -> primitive.equals("viewer");
			default -> false;
		};
	}
}
