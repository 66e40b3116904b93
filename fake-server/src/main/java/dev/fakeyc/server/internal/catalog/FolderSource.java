package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.util.Locale;

/**
 * Where a request names its folder: {@code header:x-folder-id}, {@code query:folderId},
 * {@code body:folderId}, or a URI field whose authority is the folder ({@code uri:modelUri}, for
 * {@code gpt://<folder>/…}). On the gRPC front a {@code header:} source reads the call's metadata and
 * {@code field:N} (or {@code field:N.M}, field M of the message in field N) reads a string field of the
 * request message by its protobuf field number; the REST front ignores {@code field:}, the gRPC front
 * ignores {@code query:}, {@code body:} and {@code uri:}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record FolderSource(Kind kind, String name) {
	public enum Kind {
		HEADER, QUERY, BODY, URI, FIELD
	}

	private static final java.util.regex.Pattern FIELD_PATH = java.util.regex.Pattern.compile("[1-9][0-9]{0,8}(\\.[1-9][0-9]{0,8})*");
	private static final String FORMS = "write header:NAME, query:NAME, body:NAME, uri:NAME or field:NUMBER (a protobuf field, like field:1 or field:2.1)";

	public static FolderSource parse(String spec) {
		int colon = spec.indexOf(':');
		if (colon <= 0 || colon == spec.length() - 1) {
			throw new IllegalArgumentException("'" + spec + "' is not a folder source; " + FORMS);
		}
		Kind kind;
		try {
			kind = Kind.valueOf(spec.substring(0, colon).toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("'" + spec + "' is not a folder source; " + FORMS);
		}
		String name = spec.substring(colon + 1);
		if (kind == Kind.FIELD && !FIELD_PATH.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + spec + "' is not a protobuf field path; write field numbers joined by dots, like field:1 or field:2.1");
		}
		return new FolderSource(kind, kind == Kind.HEADER ? name.toLowerCase(Locale.ROOT) : name);
	}

	public boolean needsBody() {
		return kind == Kind.BODY || kind == Kind.URI;
	}

	/** For people: {@code the x-folder-id header}, {@code the query parameter folderId}, … */
	@Override
	public String toString() {
		return switch (kind) {
			case HEADER -> "the " + name + " header";
			case QUERY -> "the query parameter " + name;
			case BODY -> "the body field " + name;
			case URI -> "the folder in the body field " + name + " (gpt://<folder>/…)";
			case FIELD -> "the request message's field " + name;
		};
	}

	/**
	 * The folder the first of {@code sources} names: each source's value as the transport reads it, stripped, a URI
	 * source's (or, with {@code uri}, every source's) {@code gpt://<folder>/…} authority; the first non-empty one.
	 *
	 * @param sources where to look, in order
	 * @param uri     whether every value is a URI whose authority is the folder
	 * @param read    the transport's reading of one source; null when the request does not carry it
	 * @return the folder, or empty
	 */
	public static String firstFolder(java.util.List<FolderSource> sources, boolean uri, java.util.function.Function<FolderSource, String> read) {
		if (sources.isEmpty()) {
			return ""; // most services name no folder: skip the iterator
		}
		for (FolderSource source : sources) {
			String value = read.apply(source);
			if (value == null) {
				continue;
			}
			value = value.strip();
			if (uri || source.kind == Kind.URI) {
				value = uriAuthority(value);
			}
			if (!value.isEmpty()) {
				return value;
			}
		}
		return "";
	}

	/** {@code gpt://b1g…/yandexgpt/latest} → {@code b1g…}; anything else → empty. */
	static String uriAuthority(String uri) {
		int scheme = uri.indexOf("://");
		if (scheme <= 0) {
			return "";
		}
		int start = scheme + 3;
		int end = uri.indexOf('/', start);
		return uri.substring(start, end < 0 ? uri.length() : end);
	}

	/** Several sources for people: {@code the x-folder-id header or the body field folderId}. */
	public static String describe(java.util.List<FolderSource> sources) {
		return sources.isEmpty() ? "nowhere" : String.join(" or ", sources.stream().map(FolderSource::toString).toList());
	}
}
