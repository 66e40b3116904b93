package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import dev.fakeyc.server.Secret;
import dev.fakeyc.server.internal.text.Excerpt;

/**
 * A catalog (or config) that cannot be used, with the JSON path of the problem. Both parts are
 * bounded ({@link #MAX_PATH}, {@link #MAX_PROBLEM} characters, cut ones marked), since a document's
 * keys and values come from outside and may be huge; callers mask any value they quote.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public class CatalogException extends IllegalArgumentException {
	private static final long serialVersionUID = 1L;

	/** The most characters of a JSON path a message keeps. */
	public static final int MAX_PATH = 200;
	/** The most characters of a problem description a message keeps. */
	public static final int MAX_PROBLEM = 1000;

	private final String jsonPath;

	/**
	 * @param jsonPath where the problem is, such as {@code $.apiKeys[0].secret}
	 * @param problem  what is wrong and what to write instead; must not quote a value whole
	 */
	public CatalogException(String jsonPath, String problem) {
		super(Excerpt.of(jsonPath, MAX_PATH) + ": " + Excerpt.of(problem, MAX_PROBLEM));
		this.jsonPath = Excerpt.of(jsonPath, MAX_PATH);
	}

	/** A value from the document as a message may quote it: masked (see {@link Secret#mask(String)}), never whole. */
	public static String quote(String value) {
		return "'" + Secret.mask(value) + "'";
	}

	private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']*)'");

	/** A parser's message with every {@code 'quoted'} token masked: Jackson quotes the token it choked on, which may be a secret written without quotes. */
	public static String maskQuoted(String message) {
		if (message == null) {
			return "";
		}
		java.util.regex.Matcher m = QUOTED.matcher(Excerpt.of(message, MAX_PROBLEM));
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(quote(m.group(1))));
		}
		return m.appendTail(out).toString();
	}

	/** The JSON path of the problem (cut when very long). */
	public String jsonPath() {
		return jsonPath;
	}
}
