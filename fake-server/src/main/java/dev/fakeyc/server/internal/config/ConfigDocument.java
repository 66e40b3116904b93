package dev.fakeyc.server.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeyc.server.internal.catalog.CatalogDocument.ServiceEntry;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The standalone config format (DESIGN "Standalone contract") as typed records, bound strictly (unknown fields refused)
 * by {@link dev.fakeyc.server.internal.catalog.Documents}; its {@code services} are the catalog's own
 * {@link ServiceEntry}. A field is {@code null} when absent or {@code null}. Values whose checks word their own message
 * (dates, scope lists) stay {@link JsonNode}; {@link CloudConfig} checks every value.
 *
 * @param serviceAccounts {@code [{"id", "folderId"}]}
 * @param userAccounts    {@code [{"id"}]}
 * @param iamTokens       {@code [{"token", "subjectId", "expiresAt"}]}
 * @param apiKeys         {@code [{"id", "secret", "serviceAccountId", "scopes", "expiresAt"}]}
 * @param oauthTokens     {@code [{"token", "subjectId", "expiresAt"}]}
 * @param authorizedKeys  {@code [{"id", "serviceAccountId", "publicKey"}]}
 * @param services        catalog additions, in the catalog's format
 * @param access          the authorization section, bound and checked by {@link AccessSection}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ConfigDocument(List<ServiceAccountEntry> serviceAccounts, List<UserAccountEntry> userAccounts, List<TokenEntry> iamTokens,
		List<ApiKeyEntry> apiKeys, List<TokenEntry> oauthTokens, List<AuthorizedKeyEntry> authorizedKeys, List<ServiceEntry> services,
		JsonNode access) {
	/** A service account: {@code {"id", "folderId"}}. */
	public record ServiceAccountEntry(String id, String folderId) {
	}

	/** A user account: {@code {"id"}}. */
	public record UserAccountEntry(String id) {
	}

	/** An IAM or OAuth token: {@code {"token", "subjectId", "expiresAt"}}. */
	public record TokenEntry(String token, String subjectId, JsonNode expiresAt) {
	}

	/** An API key: {@code {"id", "secret", "serviceAccountId", "scopes", "expiresAt"}}. */
	public record ApiKeyEntry(String id, String secret, String serviceAccountId, JsonNode scopes, JsonNode expiresAt) {
	}

	/** An authorized key's public half: {@code {"id", "serviceAccountId", "publicKey"}} (PEM). */
	public record AuthorizedKeyEntry(String id, String serviceAccountId, String publicKey) {
	}
}
