package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.undertow.util.HttpString;

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
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ResponseTemplate {
	// "${#name}" (quotes included) is replaced by a bare JSON number; ${name} inside a string by escaped text.
	private static final Pattern PLACEHOLDER = Pattern.compile("\"\\$\\{#([^}\"]+)}\"|\\$\\{([^}#\"][^}\"]*)}");

	private final int status;
	private final Map<String, String> headers;
	// the headers as Undertow writes them, converted once: a name lookup per header per request showed in profiles
	private final HttpString[] headerNames;
	private final String[] headerValues;
	private final String body;
	private final byte[] fixedBody;
	// the body cut at its placeholders once, at load: literal text, then Placeholder, alternately
	private final Object[] parts;
	private final boolean readsBody;

	private record Placeholder(String name, boolean number) {
	}

	public ResponseTemplate(int status, Map<String, String> headers, String body) {
		this.status = status;
		this.headers = Map.copyOf(headers);
		this.headerNames = new HttpString[this.headers.size()];
		this.headerValues = new String[this.headers.size()];
		int i = 0;
		for (Map.Entry<String, String> h : this.headers.entrySet()) {
			headerNames[i] = HttpString.tryFromString(h.getKey());
			headerValues[i++] = h.getValue();
		}
		this.body = body;
		this.fixedBody = body.contains("${") ? null : body.getBytes(StandardCharsets.UTF_8);
		this.parts = fixedBody == null ? parse(body) : null;
		this.readsBody = parts != null && java.util.Arrays.stream(parts)
				.anyMatch(p -> p instanceof Placeholder ph && (ph.name().startsWith("body:") || ph.name().startsWith("count:")));
	}

	/** Whether rendering reads the request body ({@code ${body:…}}, {@code ${count:…}}): if not, the body need not be read. */
	public boolean readsBody() {
		return readsBody;
	}

	private static Object[] parse(String body) {
		java.util.List<Object> parts = new java.util.ArrayList<>();
		Matcher m = PLACEHOLDER.matcher(body);
		int last = 0;
		while (m.find()) {
			parts.add(body.substring(last, m.start()));
			parts.add(m.group(1) != null ? new Placeholder(m.group(1), true) : new Placeholder(m.group(2), false));
			last = m.end();
		}
		parts.add(body.substring(last));
		return parts.toArray();
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
	 * The body as the catalog writes it, placeholders included ({@code ""} for none).
	 *
	 * @return the body's text
	 */
	public String body() {
		return body;
	}

	/** The names of {@link #headers()}, in its order, ready for the wire. Shared: do not modify. */
	public HttpString[] headerNames() {
		return headerNames;
	}

	/** The values of {@link #headers()}, in the order of {@link #headerNames()}. Shared: do not modify. */
	public String[] headerValues() {
		return headerValues;
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
		StringBuilder out = new StringBuilder(body.length() + 64);
		for (Object part : parts) {
			if (part instanceof Placeholder p) {
				String value = values.apply(p.name());
				if (p.number()) {
					out.append(value == null || !isNumber(value) ? "0" : value);
				} else if (value != null) {
					JsonStringEncoder.getInstance().quoteAsString(value, out);
				}
			} else {
				out.append((String) part);
			}
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** What {@code -?[0-9]+(\.[0-9]+)?} matches, without a regex per request. */
	static boolean isNumber(String s) {
		int i = s.startsWith("-") ? 1 : 0;
		int digits = digits(s, i);
		if (digits == 0) {
			return false;
		}
		i += digits;
		if (i == s.length()) {
			return true;
		}
		return s.charAt(i) == '.' && digits(s, i + 1) > 0 && i + 1 + digits(s, i + 1) == s.length();
	}

	private static int digits(String s, int from) {
		int i = from;
		while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
			i++;
		}
		return i - from;
	}
}
