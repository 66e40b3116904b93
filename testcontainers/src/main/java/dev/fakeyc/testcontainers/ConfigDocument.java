package dev.fakeyc.testcontainers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;

import java.time.Instant;
import java.util.Map;

/**
 * A config document in the standalone jar's format (README "Standalone jar"), written from the
 * embedded fake's value records: what {@code POST /_fakeyc/credentials} and {@code --config} read.
 */
final class ConfigDocument {
	static final ObjectMapper JSON = new ObjectMapper();

	private final ObjectNode root = JSON.createObjectNode();

	/** Adds an account or a credential to its list; anything else is refused with the types allowed. */
	void add(Object credential) {
		if (credential instanceof ServiceAccount account) {
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
					+ "; pass ServiceAccount, UserAccount, IamToken, ApiKey or OAuthToken values (dev.fakeyc.server)");
		}
	}

	boolean isEmpty() {
		return root.isEmpty();
	}

	/**
	 * This document's lists appended to those of a config document, or this one alone, or null when
	 * there is neither (the image then starts its demo cloud).
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
