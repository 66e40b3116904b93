package dev.fakeyc.server;

import org.apiguardian.api.API;

/**
 * Which access bindings the fake's authorization stage counts (the behaviour of Yandex Cloud IAM: https://yandex.cloud/en/docs/iam/concepts/access-control/).
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum AccessMode {
	/**
	 * Easy things stay easy: an account that holds <em>no</em> explicit access binding anywhere may
	 * call every route, as if it held {@code admin} on the organization (so its folder, its cloud and
	 * every other folder). An account with at least one explicit binding is judged by its bindings
	 * alone, exactly as in {@link #STRICT}. The default.
	 */
	DEFAULT,
	/** Only explicit access bindings count: an account with none is refused on every route that needs a role. */
	STRICT
}
