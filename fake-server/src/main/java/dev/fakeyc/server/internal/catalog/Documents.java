package dev.fakeyc.server.internal.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apiguardian.api.API;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads the fake's JSON documents (the catalog, the standalone config) strictly into typed records: Jackson databind
 * with unknown fields, duplicate keys and scalar coercions refused ({@code "true"} is not a boolean, {@code 1} not a
 * string). A problem becomes a {@link CatalogException} naming its JSON path, in the words the format's checks use:
 * {@code $.services[0].resources[0].scope: unknown field; allowed here: anonymous, apiKey, …}. Values are never quoted
 * whole (a secret may sit in the wrong field).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Documents {
	private static final ObjectMapper JSON = JsonMapper.builder()
			.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			// a number or boolean is not a string either
			.withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();

	private Documents() {
	}

	/**
	 * Reads JSON text into a tree, the first step of every document.
	 *
	 * @param json      the text
	 * @param whereToo   whether the message says the line and column of the problem (the config's messages do)
	 * @return the root, or null for an empty document
	 * @throws CatalogException at {@code $} for text that is not JSON (the token it choked on masked) or that breaks
	 *                          one of the parser's limits (nesting depth, number or name length)
	 */
	public static JsonNode tree(String json, boolean whereToo) {
		try {
			return JSON.readTree(json);
		} catch (JsonProcessingException e) {
			// a limit of Jackson's has no location: say which limit instead
			JsonLocation where = e.getLocation();
			throw new CatalogException("$", "not valid JSON: " + CatalogException.maskQuoted(e.getOriginalMessage())
					+ (!whereToo || where == null || where.getLineNr() < 0 ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
		} catch (RuntimeException | StackOverflowError e) {
			throw new CatalogException("$", "not a JSON document the fake can read (" + e.getClass().getSimpleName()
					+ "); keep it to plain objects, arrays and strings");
		}
	}

	/**
	 * Binds a tree (or a part of one) to a record type.
	 *
	 * @param node the JSON, not null
	 * @param at   its JSON path, such as {@code $} or {@code $.services[0].resources[0].routes[0].response.stream.chunks[2].toolCall}
	 * @param type the record type (or a list of them)
	 * @param <T>  the type
	 * @return the bound value
	 * @throws CatalogException naming the path of an unknown field or a value of the wrong type
	 */
	public static <T> T bind(JsonNode node, String at, JavaType type) {
		try {
			return JSON.treeToValue(node, type);
		} catch (UnrecognizedPropertyException e) {
			throw new CatalogException(path(at, e.getPath()), "unknown field; allowed here: " + known(e.getKnownPropertyIds()));
		} catch (MismatchedInputException e) {
			String path = path(at, e.getPath());
			throw new CatalogException(path, shape(e.getTargetType(), find(node, e.getPath())));
		} catch (JsonMappingException e) {
			throw new CatalogException(path(at, e.getPath()), CatalogException.maskQuoted(e.getOriginalMessage()));
		} catch (JsonProcessingException e) {
			throw new CatalogException(at, CatalogException.maskQuoted(e.getOriginalMessage()));
		}
	}

	/** {@link #bind(JsonNode, String, JavaType)} for a plain record type. */
	public static <T> T bind(JsonNode node, String at, Class<T> type) {
		return bind(node, at, JSON.constructType(type));
	}

	/** {@link #bind(JsonNode, String, JavaType)} for a list of records. */
	public static <T> List<T> bindList(JsonNode node, String at, Class<T> element) {
		return bind(node, at, JSON.getTypeFactory().constructCollectionType(List.class, element));
	}

	/** What a value of the target type must be, and what the wrong one is (its kind, never its content). */
	private static String shape(Class<?> target, JsonNode wrong) {
		String kind = wrong == null ? "null" : kind(wrong);
		if (target == null) {
			return "has the wrong type (" + kind + ")";
		}
		if (CharSequence.class.isAssignableFrom(target)) {
			return "must be a non-empty string, not " + kind;
		}
		if (target == Boolean.class || target == boolean.class) {
			return "must be true or false, not " + kind;
		}
		if (Collection.class.isAssignableFrom(target) || target.isArray()) {
			return "must be an array";
		}
		return "must be an object";
	}

	/** What a wrong value is, without its content (it may be a secret in the wrong place, or huge). */
	public static String kind(JsonNode value) {
		if (value.isTextual()) {
			return value.textValue().isBlank() ? "a blank string" : "a string";
		}
		return value.getNodeType().name().toLowerCase(Locale.ROOT);
	}

	private static String known(Collection<Object> ids) {
		TreeSet<String> names = new TreeSet<>();
		ids.forEach(id -> names.add(String.valueOf(id)));
		return String.join(", ", names);
	}

	private static String path(String at, List<JsonMappingException.Reference> refs) {
		StringBuilder path = new StringBuilder(at);
		for (JsonMappingException.Reference ref : refs) {
			if (ref.getFieldName() != null) {
				path.append('.').append(ref.getFieldName());
			} else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static JsonNode find(JsonNode root, List<JsonMappingException.Reference> refs) {
		JsonNode node = root;
		for (JsonMappingException.Reference ref : refs) {
			if (node == null) {
				return null;
			}
			node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
		}
		return node;
	}
}
