package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

/** The real cloud's messages, byte for byte (reference §4.3). */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Messages {
	public static final String NO_CREDENTIAL = "IAM token or API key has to be passed in request";
	public static final String TOKEN_INVALID = "The token is invalid";
	public static final String UNKNOWN_API_KEY = "Unknown api key '%s'";
	/** {@link #UNKNOWN_API_KEY} around its argument, to build it by concatenation rather than {@code String.format}. */
	static final String UNKNOWN_API_KEY_PREFIX = "Unknown api key '";
	static final String UNKNOWN_API_KEY_SUFFIX = "'";
	public static final String API_KEY_EXPIRED = "The apikey has expired";
	public static final String USER_NEEDS_FOLDER = "You have to specify folder ID for user account";
	public static final String FOLDER_MISMATCH = "Specified folder ID does not match with service account";
	public static final String PERMISSION_DENIED = "Permission denied";
	public static final String PERMISSION_DENIED_TO_FOLDER = "Permission denied to folder %s";

	private Messages() {
	}
}
