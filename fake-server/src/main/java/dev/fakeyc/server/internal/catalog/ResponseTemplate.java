package dev.fakeyc.server.internal.catalog;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default response of a route: a status, headers and a body that may hold placeholders such as
 * {@code ${uuid}}, {@code ${id}}, {@code ${now}}, {@code ${folderId}}, {@code ${subjectId}},
 * {@code ${path:NAME}}, {@code ${body:FIELD}}; written as a whole JSON string {@code "${#NAME}"} it
 * becomes a bare number ({@code "${#epochSeconds}"}, {@code "${#count:metrics}"}). A body without
 * placeholders is encoded once, at load.
 */
public final class ResponseTemplate {
	// "${#name}" (quotes included) is replaced by a bare JSON number; ${name} inside a string by escaped text.
	private static final Pattern PLACEHOLDER = Pattern.compile("\"\\$\\{#([^}\"]+)}\"|\\$\\{([^}#\"][^}\"]*)}");

	private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	private final int status;
	private final Map<String, String> headers;
	private final String body;
	private final byte[] fixedBody;

	public ResponseTemplate(int status, Map<String, String> headers, String body) {
		this.status = status;
		this.headers = Map.copyOf(headers);
		this.body = body;
		this.fixedBody = body.contains("${") ? null : body.getBytes(StandardCharsets.UTF_8);
	}

	public static ResponseTemplate emptyJson() {
		return new ResponseTemplate(200, Map.of("Content-Type", "application/json"), "{}");
	}

	public int status() {
		return status;
	}

	public Map<String, String> headers() {
		return headers;
	}

	/**
	 * The body, with each placeholder replaced by what {@code values} gives for its name (such as
	 * {@code uuid} or {@code path:executionId}); an unknown name gives an empty string, or 0 for a
	 * number.
	 */
	public byte[] render(UnaryOperator<String> values) {
		if (fixedBody != null) {
			return fixedBody;
		}
		Matcher m = PLACEHOLDER.matcher(body);
		StringBuilder out = new StringBuilder(body.length() + 64);
		while (m.find()) {
			String replacement;
			if (m.group(1) != null) {
				String value = values.apply(m.group(1));
				replacement = value == null || !NUMBER.matcher(value).matches() ? "0" : value;
			} else {
				String value = values.apply(m.group(2));
				replacement = value == null ? "" : new String(JsonStringEncoder.getInstance().quoteAsString(value));
			}
			m.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		m.appendTail(out);
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}
}
