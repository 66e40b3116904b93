package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.util.Objects;

/**
 * A service account: the only kind of subject that may own API keys and authorized keys. It lives
 * in one folder, and AI services use that folder when the request names none.
 *
 * @param id       the account id, {@code aje…} in the real cloud
 * @param folderId the folder the account belongs to, {@code b1g…} in the real cloud
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ServiceAccount(String id, String folderId) implements Subject {
	/**
	 * Checks the ids.
	 *
	 * @param id       the account id, a cloud id ({@code aje…})
	 * @param folderId the folder's id, a cloud id ({@code b1g…})
	 * @throws IllegalArgumentException for an id that is not a cloud id
	 */
	public ServiceAccount {
		Ids.requireId(id, "service account id");
		Ids.requireId(folderId, "folder id of service account '" + id + "'");
	}

	@Override
	public Kind kind() {
		return Kind.SERVICE_ACCOUNT;
	}

	static ServiceAccount of(String id, String folderId) {
		return new ServiceAccount(Objects.requireNonNull(id), Objects.requireNonNull(folderId));
	}
}
