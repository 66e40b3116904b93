package dev.fakeyc.server;

import org.apiguardian.api.API;

/**
 * A user account (Yandex ID, federated or local). It has no folder of its own, so AI services
 * refuse its tokens unless the request names a folder ({@code x-folder-id} and the like).
 *
 * @param id the account id, {@code aje…} in the real cloud
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record UserAccount(String id) implements Subject {
	/**
	 * Checks the id.
	 *
	 * @param id the account id, a cloud id ({@code aje…})
	 * @throws IllegalArgumentException for an id that is not a cloud id
	 */
	public UserAccount {
		Ids.requireId(id, "user account id");
	}

	@Override
	public Kind kind() {
		return Kind.USER_ACCOUNT;
	}
}
