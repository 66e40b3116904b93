package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/** What a service requires of the folder a request names (reference §1.2). */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum FolderRule {
	/** The service does not look at folders. */
	NONE,
	/**
	 * AI services: a user account must name a folder (401/16), a service account's named folder must
	 * be its own (400/3).
	 */
	AI,
	/** The folder is a resource the subject needs access to: another folder is 403/7. */
	ACCESS
}
