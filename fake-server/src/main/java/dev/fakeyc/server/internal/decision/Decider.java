package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.internal.catalog.FolderRule;
import dev.fakeyc.server.internal.catalog.FolderSource;
import dev.fakeyc.server.internal.catalog.Resource;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.catalog.Service;
import dev.fakeyc.server.internal.credentials.CredentialStore;
import dev.fakeyc.server.internal.credentials.Credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The decision procedure of reference §0, in its order: no or unknown scheme; unknown or expired IAM
 * token; API key on a resource that refuses keys; unknown, expired or out-of-scope key; folder rules;
 * permissions. A pure function of the request, the credentials and the clock.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Decider {
	private final CredentialStore store;
	private final Clock clock;

	public Decider(CredentialStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	public Verdict decide(Route route, Credential credential, RequestFacts facts) {
		Resource resource = route.resource();
		if (resource.anonymous()) {
			return Verdict.accept(new Acceptance(Acceptance.Form.ANONYMOUS, null, null, "", route, credential), "", facts.folderId());
		}
		Credentials creds = store.current(); // one set for the whole decision, however the store changes meanwhile
		return switch (credential.scheme()) {
			case NONE -> credential.seen().isEmpty() ? NO_HEADER : Verdict.unauthenticated(Messages.NO_CREDENTIAL, noCredentialReason(credential), "");
			case BEARER -> bearer(creds, route, credential, facts);
			case API_KEY -> apiKey(creds, route, credential, facts, Acceptance.Form.API_KEY);
		};
	}

	/** The refusal of every request without an {@code Authorization} header: always the same, made once. */
	private static final Verdict NO_HEADER = Verdict.unauthenticated(Messages.NO_CREDENTIAL, "no Authorization header", "");

	private static String noCredentialReason(Credential credential) {
		if (credential.value().isEmpty() && (credential.seen().equalsIgnoreCase("Bearer") || credential.seen().equalsIgnoreCase("Api-Key"))) {
			return "Authorization scheme '" + credential.seen() + "' carried no value";
		}
		return "Authorization scheme '" + credential.seen() + "' is not recognized; the cloud takes only 'Bearer' and 'Api-Key'";
	}

	private Verdict bearer(Credentials store, Route route, Credential credential, RequestFacts facts) {
		Optional<IamToken> token = store.iamToken(credential.value());
		if (token.isPresent()) {
			IamToken t = token.get();
			Instant now = clock.instant();
			if (t.isExpiredAt(now)) {
				return Verdict.unauthenticated(Messages.TOKEN_INVALID,
						"IAM token " + credential.masked() + " expired at " + t.expiresAt() + " (the fake's clock reads " + now + ")", t.subjectId());
			}
			Optional<Subject> subject = store.subject(t.subjectId());
			if (subject.isEmpty()) {
				return Verdict.unauthenticated(Messages.TOKEN_INVALID,
						"IAM token " + credential.masked() + " belongs to account '" + t.subjectId() + "', which was deleted", t.subjectId());
			}
			return folderAndPermission(store, route, subject.get(), facts, credential, Acceptance.Form.IAM_TOKEN, null);
		}
		Optional<ApiKey> key = store.apiKeyBySecret(credential.value());
		if (route.resource().apiKeyAsBearer()) {
			if (key.isPresent()) {
				return apiKey(store, route, credential, facts, Acceptance.Form.API_KEY_AS_BEARER);
			}
			String message = credential.value().startsWith("AQVN") ? unknownApiKey(credential) : Messages.TOKEN_INVALID;
			return Verdict.unauthenticated(message, "Bearer value " + credential.masked() + " is neither a known IAM token nor a known API key", "");
		}
		String message = route.service().unknownBearerAsApiKey()
				? unknownApiKey(credential) : Messages.TOKEN_INVALID;
		String reason = key.isPresent()
				? "Bearer value " + credential.masked() + " is API key '" + key.get().id() + "'; route " + route.name()
						+ (route.resource().apiKey() ? " takes API keys only as 'Api-Key <secret>'" : " takes IAM tokens only")
				: "Bearer value " + credential.masked() + " is not a known IAM token (never issued, revoked, or from another fake)";
		return Verdict.unauthenticated(message, reason, "");
	}

	private Verdict apiKey(Credentials store, Route route, Credential credential, RequestFacts facts, Acceptance.Form sentAs) {
		Resource resource = route.resource();
		Optional<ApiKey> found = store.apiKeyBySecret(credential.value());
		if (!resource.apiKey()) {
			String what = found.map(k -> "API key '" + k.id() + "'").orElseGet(() -> store.iamToken(credential.value()).isPresent()
					? "an IAM token sent as Api-Key (send it as 'Bearer <token>')" : "API key " + credential.masked());
			return Verdict.unauthenticated(unknownApiKey(credential), "route " + route.name() + " does not accept API keys, only IAM tokens; got " + what,
					found.map(ApiKey::serviceAccountId).orElse(""));
		}
		if (found.isEmpty()) {
			String hint = store.iamToken(credential.value()).isPresent() ? "; it is an IAM token: send it as 'Bearer <token>'" : "";
			return Verdict.unauthenticated(unknownApiKey(credential), "no API key has the secret " + credential.masked() + hint, "");
		}
		ApiKey key = found.get();
		Instant now = clock.instant();
		if (key.isExpiredAt(now)) {
			return Verdict.unauthenticated(Messages.API_KEY_EXPIRED,
					"API key '" + key.id() + "' expired at " + key.expiresAt().orElseThrow() + " (the fake's clock reads " + now + ")", key.serviceAccountId());
		}
		if (!anyScope(resource.scopes(), key.scopes())) {
			return Verdict.unauthenticated(unknownApiKey(credential), "API key '" + key.id() + "' has scopes " + new TreeSet<>(key.scopes()) + "; route "
					+ route.name() + " needs one of " + new TreeSet<>(resource.scopes()), key.serviceAccountId());
		}
		Optional<Subject> owner = store.subject(key.serviceAccountId());
		if (owner.isEmpty()) {
			return Verdict.unauthenticated(unknownApiKey(credential), "API key '" + key.id() + "' belongs to a deleted service account", key.serviceAccountId());
		}
		return folderAndPermission(store, route, owner.get(), facts, credential, sentAs, key.id());
	}

	/** {@code Unknown api key '<gateway mask>'}: built only when a request is refused with it, as the mask hashes the value. */
	private static String unknownApiKey(Credential credential) {
		return Messages.UNKNOWN_API_KEY_PREFIX + credential.gatewayMask() + Messages.UNKNOWN_API_KEY_SUFFIX;
	}

	private static boolean anyScope(java.util.Set<String> wanted, java.util.Set<String> held) {
		for (String scope : wanted) {
			if (held.contains(scope)) {
				return true;
			}
		}
		return false;
	}

	/** {@code form} and {@code keyId} (null without a key) describe the credential for the reason, formatted only if it is read. */
	private Verdict folderAndPermission(Credentials store, Route route, Subject subject, RequestFacts facts, Credential credential,
			Acceptance.Form form, String keyId) {
		Service service = route.service();
		String named = facts.folderId().isEmpty() ? facts.uriFolderId() : facts.folderId();
		String folder = named;
		if (subject instanceof ServiceAccount sa) {
			if (!named.isEmpty() && !named.equals(sa.folderId())) {
				if (service.folderRule() == FolderRule.AI) {
					return Verdict.invalidArgument(Messages.FOLDER_MISMATCH, "request names folder '" + named + "' but service account '"
							+ sa.id() + "' lives in folder '" + sa.folderId() + "'", sa.id(), named);
				}
				if (service.folderRule() == FolderRule.ACCESS) {
					return Verdict.permissionDenied(String.format(Messages.PERMISSION_DENIED_TO_FOLDER, named), "service account '" + sa.id()
							+ "' lives in folder '" + sa.folderId() + "' and has no access to folder '" + named + "'", sa.id(), named);
				}
			}
			folder = named.isEmpty() ? sa.folderId() : named;
		} else if (service.folderRule() == FolderRule.AI && facts.folderId().isEmpty()) {
			return Verdict.unauthenticated(Messages.USER_NEEDS_FOLDER, "user account '" + subject.id() + "' named no folder; service "
					+ service.id() + " reads it from " + FolderSource.describe(service.folderSources()), subject.id());
		}
		if (store.isDenied(subject.id())) {
			return Verdict.permissionDenied(Messages.PERMISSION_DENIED, "account '" + subject.id() + "' has no role here (denied by the test)",
					subject.id(), folder);
		}
		return Verdict.accept(new Acceptance(form, keyId, subject.kind(), subject.id(), route, credential), subject.id(), folder);
	}
}
