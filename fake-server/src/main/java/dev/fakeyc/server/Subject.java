package dev.fakeyc.server;

import org.apiguardian.api.API;

/**
 * Who a credential speaks for: a {@link ServiceAccount} or a {@link UserAccount}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface Subject permits ServiceAccount, UserAccount {
	/**
	 * The account id.
	 *
	 * @return a cloud id, such as {@code ajeq1sj0ktg2l7egrd0m}
	 */
	String id();

	/**
	 * Which kind of account this is.
	 *
	 * @return the kind; a service account is the only kind that may own keys
	 */
	Kind kind();

	/** The two kinds of subject the cloud distinguishes. */
	@API(status = API.Status.STABLE, since = "0.1")
	enum Kind {
		/** A {@link ServiceAccount}: a robot identity in a folder. */
		SERVICE_ACCOUNT,
		/** A {@link UserAccount}: a person's Yandex ID or federated account. */
		USER_ACCOUNT
	}
}
