package dev.fakeyc.server.internal.text;

import org.apiguardian.api.API;

/**
 * The one rule for putting text that came from outside (a path, a header value, a JSON key, a
 * reason built from them) into a bounded output: the journal, the request log, an error message.
 * Text within the budget is kept as is; longer text keeps its first characters and says how much
 * was cut, so a reader knows it is not the whole value.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Excerpt {
	/** The marker that ends a cut value; what follows it says how many characters the whole value had. */
	public static final String CUT_MARK = "…[cut, ";

	private Excerpt() {
	}

	/**
	 * {@code text} whole when it has at most {@code max} characters; else its first {@code max}
	 * characters followed by {@code …[cut, N chars]} where N is the whole length.
	 *
	 * @param text the text, or null (returned as is)
	 * @param max  the most characters kept, at least 0
	 * @return the text or its excerpt; never longer than {@code max} plus the marker (about 30 characters)
	 */
	public static String of(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max;
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--; // never split a surrogate pair
		}
		return text.substring(0, end) + CUT_MARK + text.length() + " chars]";
	}

	/** Whether {@code text} is an excerpt made by {@link #of(String, int)}. */
	public static boolean isCut(String text) {
		return text != null && text.endsWith(" chars]") && text.contains(CUT_MARK);
	}
}
