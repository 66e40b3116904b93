package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.Subject;
import dev.fakeyc.server.internal.catalog.Route;

import java.util.function.Supplier;

/**
 * Why the decision procedure accepted a request, kept as its parts and put into words only when read
 * ({@link #get()}): most requests' reasons are never read. A journal entry keeps the parts it does not already hold
 * (the {@link Form}, the subject's kind, the API key's id) and formats them with {@link #format} on first read, so it
 * holds no reference to this object, the request's credential or the route's strings.
 *
 * @param form       how the request was authenticated
 * @param keyId      the API key's id for {@link Form#API_KEY} and {@link Form#API_KEY_AS_BEARER}, else null
 * @param kind       the account's kind, or null for {@link Form#ANONYMOUS}
 * @param subjectId  the account's id, or empty for {@link Form#ANONYMOUS}
 * @param route      the matched route
 * @param credential the request's credential (its {@linkplain Credential#masked() mask} goes into the words, never the
 *                   whole value)
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Acceptance(Form form, String keyId, Subject.Kind kind, String subjectId, Route route, Credential credential)
		implements Supplier<String> {

	/** How an accepted request was authenticated: what its reason says first. */
	public enum Form {
		/** The route needs no credential. */
		ANONYMOUS,
		/** A known, unexpired IAM token as {@code Bearer}. */
		IAM_TOKEN,
		/** An API key as {@code Api-Key}. */
		API_KEY,
		/** An API key as {@code Bearer}, where the route takes that. */
		API_KEY_AS_BEARER
	}

	/** The reason in words, as {@link #format} writes it. */
	@Override
	public String get() {
		return format(form, keyId, kind, subjectId, route.name(), credential.masked());
	}

	/**
	 * An accepted request's reason in words, from its parts: {@code route <name> needs no credential}, or {@code <credential>
	 * of <kind> '<subject>' is good for <route name>} where the credential is {@code IAM token <mask>} or {@code API key
	 * '<id>' (as Api-Key)} / {@code (as Bearer)}.
	 *
	 * @param form      how the request was authenticated
	 * @param keyId     the API key's id, or null when no key was used
	 * @param kind      the account's kind, or null for {@link Form#ANONYMOUS}
	 * @param subjectId the account's id
	 * @param routeName the route's {@linkplain Route#name() name}
	 * @param masked    the credential's mask (first 4 + {@code ****} + last 4), used for an IAM token only
	 * @return the reason, never null
	 */
	public static String format(Form form, String keyId, Subject.Kind kind, String subjectId, String routeName, String masked) {
		String credential = switch (form) {
			case ANONYMOUS -> null;
			case IAM_TOKEN -> "IAM token " + masked;
			case API_KEY -> "API key '" + keyId + "' (as Api-Key)";
			case API_KEY_AS_BEARER -> "API key '" + keyId + "' (as Bearer)";
		};
		if (credential == null) {
			return "route " + routeName + " needs no credential";
		}
		return credential + " of " + kindName(kind) + " '" + subjectId + "' is good for " + routeName;
	}

	/** {@code SERVICE_ACCOUNT} → {@code service account}, without a case conversion per request. */
	private static String kindName(Subject.Kind kind) {
		return switch (kind) {
			case SERVICE_ACCOUNT -> "service account";
			case USER_ACCOUNT -> "user account";
		};
	}
}
