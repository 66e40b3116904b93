package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;

/**
 * A service of the catalog: where it lives, how it writes errors, and what it asks of folders.
 *
 * @param id             the service's name in the catalog
 * @param hosts          real host names ({@code *.containers.yandexcloud.net} matches any subdomain)
 * @param hostOnly       whether the service is reached only through its host (its paths collide)
 * @param errorStyle     how it writes errors
 * @param folderRule     what it requires of the folder
 * @param folderSources  where a request names the folder
 * @param folderUris     fields whose URI authority names the folder ({@code gpt://<folder>/…}); they
 *                       count for a mismatch but do not satisfy "user account needs a folder"
 * @param unknownBearerAsApiKey whether an unknown Bearer value is reported as an unknown API key
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Service(String id, List<String> hosts, boolean hostOnly, ErrorStyle errorStyle, FolderRule folderRule,
		List<FolderSource> folderSources, List<FolderSource> folderUris, boolean unknownBearerAsApiKey) {
	public Service {
		hosts = List.copyOf(hosts);
		folderSources = List.copyOf(folderSources);
		folderUris = List.copyOf(folderUris);
	}

	public boolean servesHost(String host) {
		for (String pattern : hosts) {
			if (hostMatches(pattern, host)) {
				return true;
			}
		}
		return false;
	}

	static boolean hostMatches(String pattern, String host) {
		if (pattern.startsWith("*.")) {
			return host.length() > pattern.length() - 1 && host.endsWith(pattern.substring(1));
		}
		return pattern.equals(host);
	}

	public boolean needsBody() {
		if (!folderUris.isEmpty()) {
			return true;
		}
		for (int i = 0; i < folderSources.size(); i++) { // asked on every request: no stream pipeline
			if (folderSources.get(i).needsBody()) {
				return true;
			}
		}
		return false;
	}
}
