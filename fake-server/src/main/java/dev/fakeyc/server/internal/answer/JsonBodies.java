package dev.fakeyc.server.internal.answer;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Reading the JSON of a body the fake's own endpoints take or give (the IAM endpoints, the access-binding API, a
 * stub's or endpoint's answer relayed to a gRPC call), with one shared mapper: building a mapper per call costs
 * more than the parse.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JsonBodies {
	private JsonBodies() {
	}

	/** Built on first use (the holder idiom): a start that answers no JSON body never loads Jackson's databind. */
	private static final class Shared {
		static final ObjectMapper JSON = new ObjectMapper();
	}

	/**
	 * The fake's one default-configured mapper (Jackson's defaults: unknown properties fail a binding), shared by every
	 * class that reads or writes the JSON of a body; built when first asked for, which keeps databind's few hundred
	 * classes out of a cold start that answers none. The strict mapper of the catalog and config documents is
	 * {@code Documents}' own.
	 *
	 * @return the mapper; thread-safe, as a configured {@link ObjectMapper} is; never reconfigure it
	 */
	public static ObjectMapper mapper() {
		return Shared.JSON;
	}

	/**
	 * A body's JSON, of any kind.
	 *
	 * @param body the text, or null
	 * @return its tree (Jackson's {@code readTree}: an empty text gives the missing node), or null when it is not JSON
	 */
	public static JsonNode parse(String body) {
		if (body == null) {
			return null;
		}
		try {
			return Shared.JSON.readTree(body);
		} catch (IOException e) {
			return null;
		}
	}

	/**
	 * A request body that must be one JSON object.
	 *
	 * @param body the text, or null
	 * @return the object, or null when the body is absent, blank, not JSON or not an object
	 */
	public static JsonNode object(String body) {
		JsonNode n = body == null || body.isBlank() ? null : parse(body);
		return n != null && n.isObject() ? n : null;
	}
}
