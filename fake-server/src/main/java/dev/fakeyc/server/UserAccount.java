package dev.fakeyc.server;

/**
 * A user account (Yandex ID, federated or local). It has no folder of its own, so AI services
 * refuse its tokens unless the request names a folder ({@code x-folder-id} and the like).
 *
 * @param id the account id, {@code aje…} in the real cloud
 * @since 0.1
 */
public record UserAccount(String id) implements Subject {
	public UserAccount {
		Ids.requireId(id, "user account id");
	}

	@Override
	public Kind kind() {
		return Kind.USER_ACCOUNT;
	}
}
