package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.util.Locale;

/**
 * Where a request names its folder: {@code header:x-folder-id}, {@code query:folderId},
 * {@code body:folderId}, or a URI field whose authority is the folder ({@code uri:modelUri}, for
 * {@code gpt://<folder>/…}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record FolderSource(Kind kind, String name) {
	public enum Kind {
		HEADER, QUERY, BODY, URI
	}

	public static FolderSource parse(String spec) {
		int colon = spec.indexOf(':');
		if (colon <= 0 || colon == spec.length() - 1) {
			throw new IllegalArgumentException("'" + spec + "' is not a folder source; write header:NAME, query:NAME, body:NAME or uri:NAME");
		}
		Kind kind;
		try {
			kind = Kind.valueOf(spec.substring(0, colon).toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("'" + spec + "' is not a folder source; write header:NAME, query:NAME, body:NAME or uri:NAME");
		}
		String name = spec.substring(colon + 1);
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
		};
	}

	/** Several sources for people: {@code the x-folder-id header or the body field folderId}. */
	public static String describe(java.util.List<FolderSource> sources) {
		return sources.isEmpty() ? "nowhere" : String.join(" or ", sources.stream().map(FolderSource::toString).toList());
	}
}
