package dev.fakeyc.server.internal.config;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.fakeyc.server.internal.catalog.Documents;
import dev.fakeyc.server.internal.catalog.Route;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The standalone config format (DESIGN "Standalone contract"), also the body of the control API's
 * {@code POST /_fakeyc/credentials}: bound strictly into {@link ConfigDocument} (the catalog's typed model for its
 * {@code services}), then checked by the plain functions here — an unknown field, a wrong type, an unknown subject, a
 * bad date or an unknown scope is a {@link CatalogException} naming its JSON path.
 *
 * <p>Parsing yields a list of steps; nothing touches a fake until the whole document is read, and
 * {@link #validate} registers the steps in a scratch credential set (no server), so applying a bad
 * document changes nothing.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CloudConfig {
	/** What "never expires" means for the records that need an instant. */
	static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

	private final List<Declaration> steps;
	private final List<Route> services;
	private final AccessSection access;

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

	private CloudConfig(List<Declaration> steps, List<Route> services, AccessSection access) {
		this.steps = List.copyOf(steps);
		this.services = List.copyOf(services);
		this.access = access;
	}

	/** The document's {@code access} section (mode, hierarchy, bindings), or {@link AccessSection#NONE}. */
	public AccessSection access() {
		return access;
	}

	/** Whether the document declares an account with this id. */
	public boolean declaresAccount(String id) {
		for (Declaration d : steps) {
			if (d.credential() instanceof dev.fakeyc.server.Subject s && s.id().equals(id)) {
				return true;
			}
		}
		return false;
	}

	/** The routes of the document's catalog additions ({@code services}), checked; empty when it has none. */
	public List<Route> services() {
		return services;
	}

	/** Parses a document; its structure and values are checked, not yet its references (see {@link #validate}). */
	public static CloudConfig parse(String json) {
		JsonNode root = Documents.tree(json, true);
		if (root == null) {
			throw new CatalogException("$", "the document is empty; write at least {}");
		}
		if (!root.isObject()) {
			throw new CatalogException("$", "must be an object");
		}
		ConfigDocument document = Documents.bind(root, "$", ConfigDocument.class);
		List<Declaration> steps = new ArrayList<>();
		each(document.serviceAccounts(), "serviceAccounts", steps, (e, at) -> new ServiceAccount(text(e.id(), at, "id"), text(e.folderId(), at, "folderId")));
		each(document.userAccounts(), "userAccounts", steps, (e, at) -> new UserAccount(text(e.id(), at, "id")));
		each(document.iamTokens(), "iamTokens", steps,
				(e, at) -> new IamToken(Secret.of(text(e.token(), at, "token")), text(e.subjectId(), at, "subjectId"), instant(e.expiresAt(), at, "expiresAt", NEVER)));
		each(document.apiKeys(), "apiKeys", steps, (e, at) -> new ApiKey(text(e.id(), at, "id"), Secret.of(text(e.secret(), at, "secret")),
				text(e.serviceAccountId(), at, "serviceAccountId"), scopes(e.scopes(), at), Optional.ofNullable(instant(e.expiresAt(), at, "expiresAt", null))));
		each(document.oauthTokens(), "oauthTokens", steps,
				(e, at) -> new OAuthToken(Secret.of(text(e.token(), at, "token")), text(e.subjectId(), at, "subjectId"), instant(e.expiresAt(), at, "expiresAt", NEVER)));
		each(document.authorizedKeys(), "authorizedKeys", steps,
				(e, at) -> new AuthorizedKey(text(e.id(), at, "id"), text(e.serviceAccountId(), at, "serviceAccountId"), publicKey(e.publicKey(), at), null, Instant.EPOCH));
		List<Route> services = document.services() == null ? List.of() : CatalogLoader.routes(document.services(), "$.services");
		return new CloudConfig(steps, services, AccessSection.parse(document.access()));
	}

	/**
	 * Checks the document's references with a plain function: its catalog additions are read, and its
	 * declarations are registered in a scratch, empty credential set (unknown subjects, duplicates and
	 * unknown scopes are found here). No server is built.
	 *
	 * @throws CatalogException naming the JSON path of the first problem
	 */
	public void validate() {
		Set<String> scopes = new java.util.TreeSet<>(Scopes.KNOWN);
		scopes.addAll(Catalog.withBuiltIn(services).scopes());
		new CredentialStore().change(true, scratch -> registerAll(scratch, steps, scopes));
		access.requireSubjects(this::declaresAccount);
		access.applyTo(new dev.fakeyc.server.internal.authorization.AccessStore("bpf00000000000000000", "b1g00000000000000000").current());
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

	/** Makes one declaration of a list's entry; an IllegalArgumentException names the entry's path. */
	private interface Entry<E> {
		Object declare(E entry, String at);
	}

	private static <E> void each(List<E> entries, String field, List<Declaration> steps, Entry<E> entry) {
		if (entries == null) {
			return;
		}
		for (int i = 0; i < entries.size(); i++) {
			String at = "$." + field + "[" + i + "]";
			if (entries.get(i) == null) {
				throw new CatalogException(at, "must be an object");
			}
			try {
				steps.add(new Declaration(at, entry.declare(entries.get(i), at)));
			} catch (CatalogException e) {
				throw e;
			} catch (IllegalArgumentException e) {
				throw new CatalogException(at, e.getMessage());
			}
		}
	}

	private static String text(String value, String at, String field) {
		if (value == null) {
			throw new CatalogException(at + "." + field, "is required");
		}
		if (value.isBlank()) {
			// never echoes a whole string value: it could be a secret in the wrong field
			throw new CatalogException(at + "." + field, "must be a non-empty string, not an empty string");
		}
		return value;
	}

	/** Never echoes a whole string value: it could be a secret in the wrong field. */
	private static String summary(JsonNode v) {
		return v.isTextual() ? "an empty string" : v.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	private static Instant instant(JsonNode v, String at, String field, Instant absent) {
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

	private static Set<String> scopes(JsonNode v, String at) {
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

	private static PublicKey publicKey(String value, String at) {
		String pem = text(value, at, "publicKey");
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
