package dev.fakeyc.server.internal.authorization;

import dev.fakeyc.server.AccessBinding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * The resource hierarchy: organizations ({@code bpf…}) hold clouds ({@code b1g…}), clouds hold folders
 * ({@code b1g…}). Every folder belongs to a cloud: one placed explicitly, or else the default cloud of
 * the default organization, so a test that does not care about the hierarchy never names it.
 * Immutable: a change returns a new hierarchy.
 *
 * @param organizationId the default organization
 * @param defaultCloudId the default cloud, in the default organization
 * @param clouds         cloud id → organization id
 * @param folders        folder id → cloud id, for folders placed explicitly
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Hierarchy(String organizationId, String defaultCloudId, Map<String, String> clouds, Map<String, String> folders) {
	/** @param clouds copied; @param folders copied */
	public Hierarchy {
		clouds = Map.copyOf(clouds);
		folders = Map.copyOf(folders);
	}

	/** A hierarchy of one organization with one (default) cloud. */
	public static Hierarchy of(String organizationId, String defaultCloudId) {
		return new Hierarchy(organizationId, defaultCloudId, Map.of(defaultCloudId, organizationId), Map.of());
	}

	/** The cloud a folder is in: where it was placed, else the default cloud. */
	public String cloudOf(String folderId) {
		return folders.getOrDefault(folderId, defaultCloudId);
	}

	/** The organization a cloud is in. */
	public String organizationOf(String cloudId) {
		return clouds.getOrDefault(cloudId, organizationId);
	}

	/** With a cloud added to an organization. @throws IllegalArgumentException if the id is a folder's, or the organization unknown */
	public Hierarchy withCloud(String cloudId, String inOrganization) {
		if (folders.containsKey(cloudId)) {
			throw new IllegalArgumentException("'" + cloudId + "' is a folder; a cloud needs an id of its own");
		}
		if (!organizationId.equals(inOrganization) && !clouds.containsValue(inOrganization)) {
			throw new IllegalArgumentException("organization '" + inOrganization + "' is unknown; the fake's organization is '" + organizationId + "'");
		}
		Map<String, String> next = new HashMap<>(clouds);
		next.put(cloudId, inOrganization);
		return new Hierarchy(organizationId, defaultCloudId, next, folders);
	}

	/** With a folder placed in a cloud. @throws IllegalArgumentException if the cloud is unknown or the id is a cloud's */
	public Hierarchy withFolder(String folderId, String inCloud) {
		if (!clouds.containsKey(inCloud)) {
			throw new IllegalArgumentException("cloud '" + inCloud + "' is unknown; known clouds: " + new java.util.TreeSet<>(clouds.keySet()));
		}
		if (clouds.containsKey(folderId)) {
			throw new IllegalArgumentException("'" + folderId + "' is a cloud; a folder needs an id of its own");
		}
		Map<String, String> next = new HashMap<>(folders);
		next.put(folderId, inCloud);
		return new Hierarchy(organizationId, defaultCloudId, clouds, next);
	}

	/**
	 * The resources whose bindings apply in a folder, nearest first: the folder, its cloud, its
	 * organization; with no folder, the default cloud and the organization.
	 */
	public List<Node> path(String folderId) {
		String cloud = folderId.isEmpty() ? defaultCloudId : cloudOf(folderId);
		Node org = new Node(AccessBinding.ORGANIZATION, organizationOf(cloud));
		Node c = new Node(AccessBinding.CLOUD, cloud);
		return folderId.isEmpty() ? List.of(c, org) : List.of(new Node(AccessBinding.FOLDER, folderId), c, org);
	}

	/**
	 * One resource of the hierarchy.
	 *
	 * @param type an {@link AccessBinding} resource type
	 * @param id   its id
	 */
	public record Node(String type, String id) {
		/** Whether a binding is on this resource. */
		boolean holds(AccessBinding binding) {
			return binding.resourceType().equals(type) && binding.resourceId().equals(id);
		}

		@Override
		public String toString() {
			return type + " " + id;
		}
	}
}
