package dev.fakeyc.server;

/**
 * Who a credential speaks for: a {@link ServiceAccount} or a {@link UserAccount}.
 *
 * @since 0.1
 */
public sealed interface Subject permits ServiceAccount, UserAccount {
	/** The account id. */
	String id();

	/** Which kind of account this is. */
	Kind kind();

	/** The two kinds of subject the cloud distinguishes. */
	enum Kind {
		SERVICE_ACCOUNT, USER_ACCOUNT
	}
}
