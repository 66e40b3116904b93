package dev.fakeyc.server.internal.config;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;
import dev.fakeyc.server.internal.catalog.CatalogException;
import dev.fakeyc.server.internal.catalog.Catalog;
import dev.fakeyc.server.internal.catalog.CatalogLoader;
import dev.fakeyc.server.internal.credentials.CredentialStore;
import dev.fakeyc.server.internal.credentials.Credentials;
import dev.fakeyc.server.internal.credentials.ScopeCheck;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The standalone config format (DESIGN "Standalone contract"), also the body of the control API's
 * {@code POST /_fakeyc/credentials}: strict — an unknown field, a wrong type, an unknown subject, a bad
 * date or an unknown scope is a {@link CatalogException} naming its JSON path.
 *
 * <p>Parsing yields a list of steps; nothing touches a fake until the whole document is read, and
 * {@link #validate} registers the steps in a scratch credential set (no server), so applying a bad
 * document changes nothing.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CloudConfig {
	private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
	private static final Set<String> TOP = Set.of("serviceAccounts", "userAccounts", "iamTokens", "apiKeys", "oauthTokens", "authorizedKeys", "services");
	/** What "never expires" means for the records that need an instant. */
	static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

	private final List<Declaration> steps;
	private final String servicesJson;

	/**
	 * One account or credential the document declares, with the JSON path it came from.
	 *
	 * @param path       where in the document, such as {@code $.apiKeys[0]}
	 * @param credential a {@link ServiceAccount}, {@link UserAccount}, {@link IamToken}, {@link ApiKey},
	 *                   {@link OAuthToken} or {@link AuthorizedKey}
	 */
	public record Declaration(String path, Object credential) {
	}

	/** What the document declares, accounts first, in document order. */
	public List<Declaration> declarations() {
		return steps;
	}

	private CloudConfig(List<Declaration> steps, String servicesJson) {
		this.steps = List.copyOf(steps);
		this.servicesJson = servicesJson;
	}

	/** The catalog additions of the document ({@code {"services":[…]}}), or empty. */
	public String servicesJson() {
		return servicesJson;
	}

	/** Parses a document; its structure and values are checked, not yet its references (see {@link #validate}). */
	public static CloudConfig parse(String json) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		} catch (JsonProcessingException e) {
			// a limit of Jackson's (nesting depth, number or name length) has no location: say which limit instead
			com.fasterxml.jackson.core.JsonLocation where = e.getLocation();
			throw new CatalogException("$", "not valid JSON: " + maskQuoted(e.getOriginalMessage())
					+ (where == null || where.getLineNr() < 0 ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
		} catch (RuntimeException | StackOverflowError e) {
			throw new CatalogException("$", "not a JSON document the fake can read (" + e.getClass().getSimpleName() + "); keep it to plain objects, arrays and strings");
		}
		if (root == null) {
			throw new CatalogException("$", "the document is empty; write at least {}");
		}
		CatalogLoader.allowOnly(root, "$", TOP);
		List<Declaration> steps = new ArrayList<>();
		each(root, "serviceAccounts", (n, at) -> {
			CatalogLoader.allowOnly(n, at, Set.of("id", "folderId"));
			ServiceAccount sa = new ServiceAccount(text(n, at, "id"), text(n, at, "folderId"));
			steps.add(new Declaration(at, sa));
		});
		each(root, "userAccounts", (n, at) -> {
			CatalogLoader.allowOnly(n, at, Set.of("id"));
			UserAccount user = new UserAccount(text(n, at, "id"));
			steps.add(new Declaration(at, user));
		});
		each(root, "iamTokens", (n, at) -> {
			CatalogLoader.allowOnly(n, at, Set.of("token", "subjectId", "expiresAt"));
			IamToken token = new IamToken(Secret.of(text(n, at, "token")), text(n, at, "subjectId"), instant(n, at, "expiresAt", NEVER));
			steps.add(new Declaration(at, token));
		});
		each(root, "apiKeys", (n, at) -> {
			CatalogLoader.allowOnly(n, at, Set.of("id", "secret", "serviceAccountId", "scopes", "expiresAt"));
			ApiKey key = new ApiKey(text(n, at, "id"), Secret.of(text(n, at, "secret")), text(n, at, "serviceAccountId"),
					scopes(n, at), Optional.ofNullable(instant(n, at, "expiresAt", null)));
			steps.add(new Declaration(at, key));
		});
		each(root, "oauthTokens", (n, at) -> {
			CatalogLoader.allowOnly(n, at, Set.of("token", "subjectId", "expiresAt"));
			OAuthToken token = new OAuthToken(Secret.of(text(n, at, "token")), text(n, at, "subjectId"), instant(n, at, "expiresAt", NEVER));
			steps.add(new Declaration(at, token));
		});
		each(root, "authorizedKeys", (n, at) -> {
			CatalogLoader.allowOnly(n, at, Set.of("id", "serviceAccountId", "publicKey"));
			AuthorizedKey key = new AuthorizedKey(text(n, at, "id"), text(n, at, "serviceAccountId"), publicKey(n, at), null, Instant.EPOCH);
			steps.add(new Declaration(at, key));
		});
		String services = "";
		JsonNode s = root.get("services");
		if (s != null && !s.isNull()) {
			CatalogLoader.services(s, "$.services");
			services = "{\"services\":" + s + "}";
		}
		return new CloudConfig(steps, services);
	}

	/** Jackson quotes the token it choked on, which may be a secret written without quotes: mask what it quotes. */
	static String maskQuoted(String message) {
		return CatalogException.maskQuoted(message);
	}

	/**
	 * Checks the document's references with a plain function: its catalog additions are read, and its
	 * declarations are registered in a scratch, empty credential set (unknown subjects, duplicates and
	 * unknown scopes are found here). No server is built.
	 *
	 * @throws CatalogException naming the JSON path of the first problem
	 */
	public void validate() {
		List<dev.fakeyc.server.internal.catalog.Route> additions = servicesJson.isEmpty() ? List.of() : CatalogLoader.parse(servicesJson);
		Set<String> scopes = new java.util.TreeSet<>(Scopes.KNOWN);
		scopes.addAll(Catalog.of(CatalogLoader.builtIn(), additions).scopes());
		new CredentialStore().change(true, scratch -> registerAll(scratch, steps, scopes));
	}

	/**
	 * Registers declarations in a credential set being changed, in order; an API key's scopes must be
	 * among {@code scopes}.
	 *
	 * @throws CatalogException naming the declaration's JSON path when one cannot be registered
	 */
	public static void registerAll(Credentials copy, List<Declaration> items, Set<String> scopes) {
		for (Declaration d : items) {
			try {
				if (d.credential() instanceof ApiKey key) {
					ScopeCheck.requireKnown(key.scopes(), scopes);
				}
				copy.addAny(d.credential());
			} catch (IllegalArgumentException e) {
				throw new CatalogException(d.path(), e.getMessage());
			}
		}
	}

	private interface Item {
		void read(JsonNode node, String at);
	}

	private static void each(JsonNode root, String field, Item item) {
		JsonNode list = root.get(field);
		if (list == null || list.isNull()) {
			return;
		}
		if (!list.isArray()) {
			throw new CatalogException("$." + field, "must be an array");
		}
		int i = 0;
		for (JsonNode n : list) {
			String at = "$." + field + "[" + i++ + "]";
			try {
				item.read(n, at);
			} catch (CatalogException e) {
				throw e;
			} catch (IllegalArgumentException e) {
				throw new CatalogException(at, e.getMessage());
			}
		}
	}

	private static String text(JsonNode n, String at, String field) {
		JsonNode v = n.get(field);
		if (v == null || v.isNull()) {
			throw new CatalogException(at + "." + field, "is required");
		}
		if (!v.isTextual() || v.textValue().isBlank()) {
			throw new CatalogException(at + "." + field, "must be a non-empty string, not " + summary(v));
		}
		return v.textValue();
	}

	/** Never echoes a whole string value: it could be a secret in the wrong field. */
	private static String summary(JsonNode v) {
		return v.isTextual() ? "an empty string" : v.getNodeType().name().toLowerCase();
	}

	private static Instant instant(JsonNode n, String at, String field, Instant absent) {
		JsonNode v = n.get(field);
		if (v == null || v.isNull()) {
			return absent;
		}
		if (!v.isTextual()) {
			throw new CatalogException(at + "." + field, "must be an RFC 3339 date-time string or null, not " + summary(v));
		}
		try {
			return OffsetDateTime.parse(v.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		} catch (DateTimeParseException e) {
			throw new CatalogException(at + "." + field, CatalogException.quote(v.textValue()) + " is not an RFC 3339 date-time such as 2099-01-01T00:00:00Z");
		}
	}

	private static Set<String> scopes(JsonNode n, String at) {
		JsonNode v = n.get("scopes");
		if (v == null || v.isNull()) {
			return Set.of();
		}
		if (!v.isArray()) {
			throw new CatalogException(at + ".scopes", "must be an array of scope names");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (Iterator<JsonNode> it = v.elements(); it.hasNext();) {
			JsonNode s = it.next();
			if (!s.isTextual()) {
				throw new CatalogException(at + ".scopes[" + scopes.size() + "]", "must be a string");
			}
			scopes.add(s.textValue());
		}
		return scopes;
	}

	private static PublicKey publicKey(JsonNode n, String at) {
		String pem = text(n, at, "publicKey");
		int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
		int end = pem.indexOf("-----END PUBLIC KEY-----");
		if (begin < 0 || end < begin) {
			throw new CatalogException(at + ".publicKey", "must be a PEM block from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----");
		}
		String base64 = pem.substring(begin + 26, end).replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		} catch (Exception e) {
			throw new CatalogException(at + ".publicKey", "is not an RSA public key (" + e.getClass().getSimpleName() + ")");
		}
	}
}
