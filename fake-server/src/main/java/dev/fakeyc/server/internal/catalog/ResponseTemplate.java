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
	// the UTF-8 of each literal part, for a render whose values are all plain ASCII; null when a literal's edge is a
	// surrogate that could pair with its neighbour in the whole text (then only the whole text's encoding is exact)
	private final byte[][] literalBytes;
	private final boolean readsBody;
	private final String grpcMethod;

	private record Placeholder(String name, boolean number) {
	}

	/**
	 * A template that answers REST only.
	 *
	 * @param status  the HTTP status, 100 to 599
	 * @param headers response headers, name to value
	 * @param body    the body text, placeholders included; empty for none
	 */
	public ResponseTemplate(int status, Map<String, String> headers, String body) {
		this(status, headers, body, "");
	}

	/**
	 * A template that also answers a gRPC method: its body, rendered, is the JSON mapping of that method's response
	 * message (the REST bodies of Yandex Cloud's APIs are their messages' protobuf JSON mapping).
	 *
	 * @param status     the HTTP status, 100 to 599
	 * @param headers    response headers, name to value
	 * @param body       the body text, placeholders included; empty for none
	 * @param grpcMethod {@code pkg.Service/Method}, or empty for none
	 */
	public ResponseTemplate(int status, Map<String, String> headers, String body, String grpcMethod) {
		this.grpcMethod = grpcMethod;
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
		this.literalBytes = parts == null ? null : literalBytes(parts);
		this.readsBody = parts != null && readsBody(parts);
	}

	/** Whether a placeholder reads the request body ({@code body:} or {@code count:}); a loop, not a stream: see Catalog. */
	private static boolean readsBody(Object[] parts) {
		for (Object p : parts) {
			if (p instanceof Placeholder ph && (ph.name().startsWith("body:") || ph.name().startsWith("count:"))) {
				return true;
			}
		}
		return false;
	}

	/** The gRPC method whose success message this template's body also gives ({@code pkg.Service/Method}), or empty. */
	public String grpcMethod() {
		return grpcMethod;
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

	/** The literal parts' UTF-8, or null when one begins with a low or ends with a high surrogate. */
	private static byte[][] literalBytes(Object[] parts) {
		byte[][] bytes = new byte[parts.length / 2 + 1][];
		for (int i = 0; i < parts.length; i += 2) {
			String literal = (String) parts[i];
			if (!literal.isEmpty() && (Character.isLowSurrogate(literal.charAt(0)) || Character.isHighSurrogate(literal.charAt(literal.length() - 1)))) {
				return null;
			}
			bytes[i / 2] = literal.getBytes(StandardCharsets.UTF_8);
		}
		return bytes;
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
		// the values first, each asked for once (an id is new on every ask); literal text and values alternate
		String[] got = new String[parts.length / 2];
		boolean plain = literalBytes != null;
		int size = 0;
		for (int i = 1; i < parts.length; i += 2) {
			Placeholder p = (Placeholder) parts[i];
			String value = values.apply(p.name());
			if (p.number()) {
				value = value == null || !isNumber(value) ? "0" : value;
			}
			got[i / 2] = value;
			if (value != null) {
				plain = plain && isPlain(value);
				size += value.length();
			}
		}
		if (plain) {
			return plainRender(got, size);
		}
		StringBuilder out = new StringBuilder(body.length() + 64);
		for (int i = 0; i < parts.length; i++) {
			if ((i & 1) == 0) {
				out.append((String) parts[i]);
			} else if (got[i / 2] != null) {
				if (((Placeholder) parts[i]).number()) {
					out.append(got[i / 2]);
				} else {
					JsonStringEncoder.getInstance().quoteAsString(got[i / 2], out);
				}
			}
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The body when every value is plain: its JSON-quoted form is itself and its UTF-8 is one byte a character, so the
	 * literals' bytes and the values' characters are copied into one array of the exact length.
	 */
	private byte[] plainRender(String[] values, int valueChars) {
		int size = valueChars;
		for (byte[] literal : literalBytes) {
			size += literal.length;
		}
		byte[] out = new byte[size];
		int p = 0;
		for (int i = 0; i < literalBytes.length; i++) {
			byte[] literal = literalBytes[i];
			System.arraycopy(literal, 0, out, p, literal.length);
			p += literal.length;
			String value = i < values.length ? values[i] : null;
			if (value != null) {
				for (int c = 0; c < value.length(); c++) {
					out[p++] = (byte) value.charAt(c);
				}
			}
		}
		return out;
	}

	/** U+0020 to U+007E but {@code "} and {@code \}: what JSON string quoting leaves as it is, one UTF-8 byte each. */
	private static boolean isPlain(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
				return false;
			}
		}
		return true;
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
