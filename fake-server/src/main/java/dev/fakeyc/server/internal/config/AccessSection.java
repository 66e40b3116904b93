package dev.fakeyc.server.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.internal.authorization.AccessState;
import dev.fakeyc.server.internal.authorization.Hierarchy;
import dev.fakeyc.server.internal.authorization.RoleCatalog;
import dev.fakeyc.server.internal.catalog.CatalogException;
import dev.fakeyc.server.internal.catalog.Documents;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code access} section of a config document (issue 16): the mode, the organization's id, clouds
 * with their folders, and access bindings.
 *
 * <pre>{@code
 * "access": {
 *   "mode": "strict",
 *   "organizationId": "bpf00000000000000001",
 *   "clouds": [ { "id": "b1gcloud000000000001", "folders": ["b1gfolder00000000001"] } ],
 *   "bindings": [ { "subjectId": "ajesa0000000000000001", "roleId": "ai.languageModels.user",
 *                   "resourceType": "resource-manager.folder", "resourceId": "b1gfolder00000000001" } ]
 * }
 * }</pre>
 *
 * Every field is optional; an unknown field, mode, resource type or role is a {@link CatalogException}
 * naming its JSON path.
 *
 * @param mode           the mode, or null to keep the current one
 * @param organizationId the organization's id, or null to keep the generated one
 * @param clouds         cloud id → its folders
 * @param bindings       the bindings with their JSON paths
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record AccessSection(AccessMode mode, String organizationId, Map<String, List<String>> clouds, List<Bound> bindings) {
	/** An empty section: changes nothing. */
	public static final AccessSection NONE = new AccessSection(null, null, Map.of(), List.of());

	/**
	 * One declared binding.
	 *
	 * @param path    where in the document, such as {@code $.access.bindings[0]}
	 * @param binding the binding
	 */
	public record Bound(String path, AccessBinding binding) {
	}

	/** The section as bound: unknown fields refused; values kept as JSON, checked by {@link #parse}. */
	record AccessEntry(JsonNode mode, JsonNode organizationId, List<CloudEntry> clouds, List<BindingEntry> bindings) {
	}

	/** One cloud: {@code {"id", "folders"}}. */
	record CloudEntry(JsonNode id, JsonNode folders) {
	}

	/** One binding: {@code {"subjectId", "roleId", "resourceType", "resourceId"}}. */
	record BindingEntry(JsonNode subjectId, JsonNode roleId, JsonNode resourceType, JsonNode resourceId) {
	}

	static AccessSection parse(JsonNode node) {
		if (node == null || node.isNull()) {
			return NONE;
		}
		String at = "$.access";
		AccessEntry entry = Documents.bind(node, at, AccessEntry.class);
		AccessMode mode = null;
		JsonNode m = entry.mode();
		if (m != null && !m.isNull()) {
			if (!m.isTextual() || !(m.textValue().equals("default") || m.textValue().equals("strict"))) {
				throw new CatalogException(at + ".mode", "must be \"default\" (an account without bindings may call everything) or \"strict\" (only bindings count)");
			}
			mode = m.textValue().equals("strict") ? AccessMode.STRICT : AccessMode.DEFAULT;
		}
		String org = optionalText(entry.organizationId(), at, "organizationId");
		Map<String, List<String>> clouds = new HashMap<>();
		List<CloudEntry> cloudEntries = entry.clouds() == null ? List.of() : entry.clouds();
		for (int i = 0; i < cloudEntries.size(); i++) {
			String cat = at + ".clouds[" + i + "]";
			CloudEntry c = object(cloudEntries.get(i), cat);
			String id = optionalText(c.id(), cat, "id");
			if (id == null) {
				throw new CatalogException(cat + ".id", "is required");
			}
			List<String> folders = new ArrayList<>();
			int j = 0;
			for (JsonNode f : array(c.folders(), cat, "folders")) {
				if (!f.isTextual() || f.textValue().isBlank()) {
					throw new CatalogException(cat + ".folders[" + j + "]", "must be a folder id string");
				}
				folders.add(f.textValue());
				j++;
			}
			clouds.put(id, folders);
		}
		Set<String> roles = RoleCatalog.builtIn().roles();
		List<Bound> bindings = new ArrayList<>();
		List<BindingEntry> bindingEntries = entry.bindings() == null ? List.of() : entry.bindings();
		for (int i = 0; i < bindingEntries.size(); i++) {
			String bat = at + ".bindings[" + i + "]";
			BindingEntry b = object(bindingEntries.get(i), bat);
			String role = optionalText(b.roleId(), bat, "roleId");
			if (role != null && !roles.contains(role)) {
				throw new CatalogException(bat + ".roleId", "role '" + role + "' is unknown; known roles: " + roles);
			}
			try {
				bindings.add(new Bound(bat, new AccessBinding(optionalText(b.subjectId(), bat, "subjectId"), role,
						optionalText(b.resourceType(), bat, "resourceType"), optionalText(b.resourceId(), bat, "resourceId"))));
			} catch (IllegalArgumentException e) {
				throw new CatalogException(bat, e.getMessage() + "; write subjectId, roleId, resourceType and resourceId");
			}
		}
		return new AccessSection(mode, org, clouds, bindings);
	}

	private static <T> T object(T value, String at) {
		if (value == null) {
			throw new CatalogException(at, "must be an object");
		}
		return value;
	}

	private static Iterable<JsonNode> array(JsonNode v, String at, String field) {
		if (v == null || v.isNull()) {
			return List.of();
		}
		if (!v.isArray()) {
			throw new CatalogException(at + "." + field, "must be an array");
		}
		return v;
	}

	private static String optionalText(JsonNode v, String at, String field) {
		if (v == null || v.isNull()) {
			return null;
		}
		if (!v.isTextual() || v.textValue().isBlank()) {
			throw new CatalogException(at + "." + field, "must be a non-empty string");
		}
		return v.textValue();
	}

	/**
	 * Checks that every binding names a known account.
	 *
	 * @param registered whether an account id is registered (or declared in the same document)
	 * @throws CatalogException naming the binding's JSON path
	 */
	public void requireSubjects(Predicate<String> registered) {
		for (Bound b : bindings) {
			if (!registered.test(b.binding().subjectId())) {
				throw new CatalogException(b.path() + ".subjectId", "account '" + b.binding().subjectId()
						+ "' is not registered; declare it under serviceAccounts or userAccounts");
			}
		}
	}

	/**
	 * The state with this section applied: the organization renamed, clouds and folders placed, bindings added, the mode set.
	 *
	 * @throws CatalogException when a cloud or folder id clashes with the hierarchy
	 */
	public AccessState applyTo(AccessState state) {
		Hierarchy h = state.hierarchy();
		if (organizationId != null && !organizationId.equals(h.organizationId())) {
			Map<String, String> cloudsToOrg = new HashMap<>();
			Hierarchy old = h;
			h.clouds().forEach((c, o) -> cloudsToOrg.put(c, o.equals(old.organizationId()) ? organizationId : o));
			h = new Hierarchy(organizationId, h.defaultCloudId(), cloudsToOrg, h.folders());
		}
		try {
			for (Map.Entry<String, List<String>> c : clouds.entrySet()) {
				if (!h.clouds().containsKey(c.getKey())) {
					h = h.withCloud(c.getKey(), h.organizationId());
				}
				for (String folder : c.getValue()) {
					h = h.withFolder(folder, c.getKey());
				}
			}
		} catch (IllegalArgumentException e) {
			throw new CatalogException("$.access.clouds", e.getMessage());
		}
		AccessState next = state.with(h);
		for (Bound b : bindings) {
			next = next.with(b.binding());
		}
		return mode == null ? next : next.with(mode);
	}
}
