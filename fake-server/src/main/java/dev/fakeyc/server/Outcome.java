package dev.fakeyc.server;

import org.apiguardian.api.API;

/**
 * What the fake did with a request.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Outcome {
	/** The credential was good for the route; the route's response was sent. */
	ACCEPTED,
	/** The credential was refused; an error in the service's style was sent. */
	REJECTED,
	/** No route of the catalog matched; 404 with an empty body was sent. */
	NO_ROUTE
}
