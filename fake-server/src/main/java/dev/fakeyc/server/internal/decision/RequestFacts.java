package dev.fakeyc.server.internal.decision;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.catalog.FolderSource;
import dev.fakeyc.server.internal.catalog.RequestFields;
import dev.fakeyc.server.internal.catalog.Route;
import dev.fakeyc.server.internal.catalog.Service;

import java.util.List;

/**
 * What the decision needs to know of a request besides its route.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param folderId      the folder the request names explicitly (header, query, body field), or empty
 * @param uriFolderId   the folder a model URI names ({@code gpt://<folder>/…}), or empty
 * @param modelUri      the model URI as sent ({@code art://<folder>/yandex-art/latest}), or empty; the per-model 403 names it
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record RequestFacts(String authorization, String folderId, String uriFolderId, String modelUri) {
	/**
	 * Facts of a request that names no model.
	 *
	 * @param authorization the {@code Authorization} header, or null
	 * @param folderId      the folder the request names explicitly, or empty
	 * @param uriFolderId   the folder a model URI names, or empty
	 */
	public RequestFacts(String authorization, String folderId, String uriFolderId) {
		this(authorization, folderId, uriFolderId, "");
	}

	/**
	 * The facts of a request on a route: the folder it names through the service's folder sources (the first
	 * non-empty one, stripped; a {@code uri:} source gives the URI's authority), through its model URIs, and the
	 * first model URI itself.
	 *
	 * @param route         the matched route, whose service says where requests name their folder
	 * @param authorization the {@code Authorization} header (gRPC: {@code authorization} metadata), or null
	 * @param fields        the request's values
	 * @return the facts; a folder or model not named is empty
	 */
	public static RequestFacts of(Route route, String authorization, RequestFields fields) {
		Service service = route.service();
		return new RequestFacts(authorization, folder(service.folderSources(), fields, false), folder(service.folderUris(), fields, true),
				modelUri(service.folderUris(), fields));
	}

	private static String folder(List<FolderSource> sources, RequestFields fields, boolean uri) {
		return FolderSource.firstFolder(sources, uri, source -> switch (source.kind()) {
			case HEADER -> fields.header(source.name());
			case QUERY -> fields.query(source.name());
			case BODY, URI -> fields.text(source.name());
			case FIELD -> fields.field(source.name()); // a protobuf field number: only the gRPC front has one
		});
	}

	/** The first model URI the body carries (the per-model 403 names it), or empty. */
	private static String modelUri(List<FolderSource> uris, RequestFields fields) {
		for (FolderSource source : uris) {
			if (source.kind() == FolderSource.Kind.BODY || source.kind() == FolderSource.Kind.URI || source.kind() == FolderSource.Kind.FIELD) {
				String value = source.kind() == FolderSource.Kind.FIELD ? fields.field(source.name()) : fields.text(source.name());
				if (value != null && !value.isBlank()) {
					return value.strip();
				}
			}
		}
		return "";
	}

	/** The header's scheme word whole and its value masked (first 4 + {@code ****} + last 4): it holds a secret. */
	@Override
	public String toString() {
		String shown;
		if (authorization == null) {
			shown = "none";
		} else {
			int space = authorization.indexOf(' ');
			shown = space < 0 ? dev.fakeyc.server.Secret.mask(authorization)
					: dev.fakeyc.server.internal.text.Excerpt.of(authorization.substring(0, space), 16) + " " + dev.fakeyc.server.Secret.mask(authorization.substring(space + 1));
		}
		return "RequestFacts[authorization=" + shown + ", folderId=" + folderId + ", uriFolderId=" + uriFolderId + ", modelUri=" + dev.fakeyc.server.internal.text.Excerpt.of(modelUri, 128) + "]";
	}
}
