package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/**
 * One method and path of a resource, with the response an accepted request gets by default.
 *
 * @param method     an HTTP method, or {@code *} for any
 * @param path       the path template
 * @param response   the default response
 * @param errorStyle how refusals on this route are written: the service's, unless the route names its own
 * @param stream     how the route streams when the request asks for it, or null if it never does
 * @param refusals   what the route refuses in an authenticated request's body, checked in order before any answer
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Route(Service service, Resource resource, String method, PathTemplate path, ResponseTemplate response, ErrorStyle errorStyle,
		StreamSpec stream, java.util.List<RouteRefusal> refusals) {
	public Route {
		refusals = java.util.List.copyOf(refusals);
	}

	/** A route in its service's error style that never streams nor refuses a body. */
	public Route(Service service, Resource resource, String method, PathTemplate path, ResponseTemplate response) {
		this(service, resource, method, path, response, service.errorStyle(), null, java.util.List.of());
	}

	public boolean matchesMethod(String requestMethod) {
		return method.equals("*") || method.equalsIgnoreCase(requestMethod);
	}

	/**
	 * Whether deciding on this route or answering with its default response reads the body: a folder named in the
	 * body, a refusal or stream condition, or a template placeholder of the body (a stub's responder may still read it).
	 */
	public boolean readsBody() {
		return response.readsBody() || stream != null || !refusals.isEmpty() || service.needsBody();
	}

	public String name() {
		return service.id() + "/" + resource.id();
	}

	@Override
	public String toString() {
		return method + " " + path + " [" + name() + "]";
	}
}
