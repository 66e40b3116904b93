package dev.fakeyc.testcontainers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeyc.server.AccessBinding;
import dev.fakeyc.server.AccessMode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A config document in the standalone jar's format (README "Standalone jar"), written from the
 * embedded fake's value records: what {@code POST /_fakeyc/credentials} and {@code --config} read.
 * Access bindings and the access mode go into its {@code access} section
 * ({@code {"mode":"strict","bindings":[{"subjectId","roleId","resourceType","resourceId"}]}}).
 */
final class ConfigDocument {
	static final ObjectMapper JSON = new ObjectMapper();

	private final ObjectNode root = JSON.createObjectNode();

	/** Adds an account, a credential or an access binding to its list; anything else is refused with the types allowed. */
	void add(Object credential) {
		if (credential instanceof AccessBinding binding) {
			ArrayNode bindings = access().has("bindings") ? (ArrayNode) access().get("bindings") : access().putArray("bindings");
			bindings.addObject().put("subjectId", binding.subjectId()).put("roleId", binding.roleId()).put("resourceType", binding.resourceType())
					.put("resourceId", binding.resourceId());
		} else if (credential instanceof ServiceAccount account) {
			list("serviceAccounts").addObject().put("id", account.id()).put("folderId", account.folderId());
		} else if (credential instanceof UserAccount account) {
			list("userAccounts").addObject().put("id", account.id());
		} else if (credential instanceof IamToken token) {
			ObjectNode n = list("iamTokens").addObject().put("token", token.value()).put("subjectId", token.subjectId());
			instant(n, token.expiresAt());
		} else if (credential instanceof ApiKey key) {
			ObjectNode n = list("apiKeys").addObject().put("id", key.id()).put("secret", key.value())
					.put("serviceAccountId", key.serviceAccountId());
			ArrayNode scopes = n.putArray("scopes");
			key.scopes().stream().sorted().forEach(scopes::add);
			instant(n, key.expiresAt().orElse(null));
		} else if (credential instanceof OAuthToken token) {
			ObjectNode n = list("oauthTokens").addObject().put("token", token.value()).put("subjectId", token.subjectId());
			instant(n, token.expiresAt());
		} else {
			throw new IllegalArgumentException("cannot register " + (credential == null ? "null" : "a " + credential.getClass().getName())
					+ "; pass ServiceAccount, UserAccount, IamToken, ApiKey, OAuthToken or AccessBinding values (dev.fakeyc.server)");
		}
	}

	/** Sets the access section's mode: {@code "default"} or {@code "strict"}. */
	void accessMode(AccessMode mode) {
		access().put("mode", mode.name().toLowerCase(Locale.ROOT));
	}

	private ObjectNode access() {
		JsonNode access = root.get("access");
		return access instanceof ObjectNode object ? object : root.putObject("access");
	}

	boolean isEmpty() {
		return root.isEmpty();
	}

	/**
	 * This document's lists appended to those of a config document, or this one alone, or null when
	 * there is neither (the image then starts its demo cloud). In the {@code access} section the
	 * bindings are appended too, and this document's mode replaces the config's.
	 */
	ConfigDocument mergedInto(String config) {
		if (config == null) {
			return isEmpty() ? null : this;
		}
		ConfigDocument merged = new ConfigDocument();
		merged.root.setAll(requireObject(config));
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			JsonNode existing = merged.root.get(field.getKey());
			if (existing instanceof ArrayNode list) {
				list.addAll((ArrayNode) field.getValue());
			} else if (existing instanceof ObjectNode access && field.getValue() instanceof ObjectNode ours) {
				ObjectNode section = access.deepCopy();
				for (Map.Entry<String, JsonNode> part : ours.properties()) {
					if (section.get(part.getKey()) instanceof ArrayNode list && part.getValue() instanceof ArrayNode more) {
						list.addAll(more);
					} else {
						section.set(part.getKey(), part.getValue());
					}
				}
				merged.root.set(field.getKey(), section);
			} else {
				// absent, or not a list: the jar reports a non-list with its JSON path
				merged.root.set(field.getKey(), existing == null ? field.getValue() : existing);
			}
		}
		return merged;
	}

	String toJson() {
		return root.toString();
	}

	static ObjectNode requireObject(String json) {
		try {
			JsonNode node = JSON.readTree(json);
			if (node instanceof ObjectNode object) {
				return object;
			}
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("the fakeyc config is not JSON: " + e.getOriginalMessage());
		}
		throw new IllegalArgumentException("the fakeyc config must be a JSON object, e.g. {\"serviceAccounts\":[...]}");
	}

	private ArrayNode list(String name) {
		JsonNode list = root.get(name);
		return list == null ? root.putArray(name) : (ArrayNode) list;
	}

	private static void instant(ObjectNode n, Instant at) {
		if (at == null) {
			n.putNull("expiresAt");
		} else {
			n.put("expiresAt", at.toString());
		}
	}
}
