package dev.fakeyc.server.internal.catalog;

/**
 * One method and path of a resource, with the response an accepted request gets by default.
 *
 * @param method   an HTTP method, or {@code *} for any
 * @param path     the path template
 * @param response the default response
 */
public record Route(Service service, Resource resource, String method, PathTemplate path, ResponseTemplate response) {
	public boolean matchesMethod(String requestMethod) {
		return method.equals("*") || method.equalsIgnoreCase(requestMethod);
	}

	public String name() {
		return service.id() + "/" + resource.id();
	}

	@Override
	public String toString() {
		return method + " " + path + " [" + name() + "]";
	}
}
