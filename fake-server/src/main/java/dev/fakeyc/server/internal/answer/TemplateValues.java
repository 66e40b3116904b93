package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.catalog.RequestFields;
import dev.fakeyc.server.internal.catalog.Route;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;

/**
 * The values of a route's default response's placeholders for one accepted request (README, "Services and routes"):
 * {@code uuid}, {@code requestId}, {@code id}, {@code now}, {@code epochSeconds}, {@code folderId}, {@code subjectId},
 * {@code body:FIELD}, {@code count:FIELD}, {@code path:NAME}; null for any other name. Transport-neutral: the
 * request is seen through {@link RequestFields}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateValues implements UnaryOperator<String> {
	private final Clock clock;
	private final String requestId;
	private final String subjectId;
	private final String folderId;
	private final Route route;
	private final String[] segments;
	private final RequestFields fields;

	/**
	 * @param clock     the fake's clock, for {@code now} and {@code epochSeconds}
	 * @param requestId the request's id
	 * @param subjectId the accepted subject's id, or empty
	 * @param folderId  the folder the decision saw, or empty
	 * @param route     the matched route, for its path variables
	 * @param segments  the request path's segments, as the route matched them
	 * @param fields    the request's values
	 */
	public TemplateValues(Clock clock, String requestId, String subjectId, String folderId, Route route, String[] segments, RequestFields fields) {
		this.clock = clock;
		this.requestId = requestId;
		this.subjectId = subjectId;
		this.folderId = folderId;
		this.route = route;
		this.segments = segments;
		this.fields = fields;
	}

	@Override
	public String apply(String key) {
		return switch (key) {
			case "uuid" -> RequestIds.requestId();
			case "requestId" -> requestId;
			case "id" -> RequestIds.operationId();
			case "now" -> DateTimeFormatter.ISO_INSTANT.format(clock.instant());
			case "epochSeconds" -> Long.toString(clock.instant().getEpochSecond());
			case "folderId" -> folderId;
			case "subjectId" -> subjectId;
			default -> {
				if (key.startsWith("body:")) {
					yield fields.text(key.substring(5));
				}
				if (key.startsWith("count:")) {
					yield Integer.toString(fields.count(key.substring(6)));
				}
				if (key.startsWith("path:")) {
					yield route.path().variable(key.substring(5), segments);
				}
				yield null;
			}
		};
	}
}
