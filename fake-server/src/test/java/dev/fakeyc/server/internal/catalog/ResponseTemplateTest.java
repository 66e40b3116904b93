package dev.fakeyc.server.internal.catalog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body template rendered with values that take the plain way (ASCII that JSON quoting leaves as it is) and values
 * that do not: the same JSON text either way, each value asked for once.
 */
class ResponseTemplateTest {
	private static final ResponseTemplate TEMPLATE = new ResponseTemplate(200, Map.of(),
			"{\"id\":\"${id}\",\"n\":\"${#count}\",\"w\":\"\u0432\u0430\u0441 ${path:name}!\"}");

	private static String render(ResponseTemplate template, Map<String, String> values) {
		return new String(template.render(values::get), StandardCharsets.UTF_8);
	}

	@Test
	void plainValuesGoInAsTheyAre() {
		assertThat(render(TEMPLATE, Map.of("id", "abc123", "count", "42", "path:name", "x y~")))
				.isEqualTo("{\"id\":\"abc123\",\"n\":42,\"w\":\"\u0432\u0430\u0441 x y~!\"}");
	}

	@Test
	void otherValuesAreQuotedAsJson() {
		assertThat(render(TEMPLATE, Map.of("id", "a\"b\\c", "count", "4x", "path:name", "\u00e9\n\u007f\ud83d\ude00")))
				.isEqualTo("{\"id\":\"a\\\"b\\\\c\",\"n\":0,\"w\":\"\u0432\u0430\u0441 \u00e9\\n\u007f\ud83d\ude00!\"}");
	}

	@Test
	void aMissingValueIsEmptyOrZero() {
		assertThat(render(TEMPLATE, Map.of())).isEqualTo("{\"id\":\"\",\"n\":0,\"w\":\"\u0432\u0430\u0441 !\"}");
	}

	@Test
	void eachPlaceholderIsAskedForOnceInOrder() {
		AtomicInteger asked = new AtomicInteger();
		byte[] body = new ResponseTemplate(200, Map.of(), "[\"${id}\",\"${id}\"]").render(name -> "v" + asked.incrementAndGet());

		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("[\"v1\",\"v2\"]");
		assertThat(asked).hasValue(2);
	}

	@Test
	void aSurrogatePairCutByAPlaceholderIsEncodedAsTheWholeText() {
		// a literal ending in a high surrogate and one starting with a low one: an empty value joins them into one pair
		ResponseTemplate split = new ResponseTemplate(200, Map.of(), "\"\ud83d${x}\ude00\"");

		assertThat(split.render(name -> "")).isEqualTo("\"\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8));
		assertThat(split.render(name -> "a")).isEqualTo("\"\ud83da\ude00\"".getBytes(StandardCharsets.UTF_8));
	}
}
