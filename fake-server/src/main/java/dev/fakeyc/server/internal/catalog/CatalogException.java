package dev.fakeyc.server.internal.catalog;

/** A catalog (or config) that cannot be used, with the JSON path of the problem. */
public class CatalogException extends IllegalArgumentException {
	private final String jsonPath;

	public CatalogException(String jsonPath, String problem) {
		super(jsonPath + ": " + problem);
		this.jsonPath = jsonPath;
	}

	public String jsonPath() {
		return jsonPath;
	}
}
