package dev.fakeyc.server.internal.credentials;

import org.apiguardian.api.API;

import dev.fakeyc.server.Secret;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks an API key's scopes against the ones the fake knows (the real list plus the catalog's). */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ScopeCheck {
	private static final Pattern SHOWN = Pattern.compile("yc(\\.[A-Za-z][A-Za-z0-9-]*){1,6}");

	private ScopeCheck() {
	}

	/**
	 * Checks requested scopes against the known ones.
	 *
	 * @param requested the scopes asked for
	 * @param known     every scope allowed
	 * @return the requested scopes, in their order, without duplicates
	 * @throws IllegalArgumentException naming the first unknown scope and listing the known ones
	 */
	public static Set<String> requireKnown(Collection<String> requested, Set<String> known) {
		Set<String> result = new LinkedHashSet<>();
		for (String scope : requested) {
			if (!known.contains(scope)) {
				throw new IllegalArgumentException("scope '" + shown(scope) + "' is unknown; known scopes: "
						+ String.join(", ", new TreeSet<>(known)));
			}
			result.add(scope);
		}
		return result;
	}

	/** A scope as a message may quote it: whole when it reads as a scope name ({@code yc.…}), else masked, as it may be a secret in the wrong place. */
	private static String shown(String scope) {
		return scope.length() <= 80 && SHOWN.matcher(scope).matches() ? scope : Secret.mask(scope);
	}
}
