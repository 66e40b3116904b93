package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests against the header parsing and the decision: arbitrary bytes and lengths in
 * {@code Authorization} and {@code x-folder-id}, repeated headers, odd whitespace and case, mutated
 * real secrets. Each property holds for every generated request.
 */
class HeaderPropertiesTest {
	private static final int TRIES = 400;

	/** A route of each error style, with a body that fits it. */
	private record Route(String method, String path, String style, String body) {
	}

	/** A generated request. */
	record Attempt(Route route, List<Map.Entry<String, String>> headers) {
		@Override
		public String toString() {
			return route.method + " " + route.path + " " + headers;
		}
	}

	private FakeYandexCloud cloud;
	private List<String> secrets;
	private ServiceAccount sa;

	@BeforeProperty
	void start() {
		cloud = FakeYandexCloud.create().start();
		sa = cloud.createServiceAccount();
		IamToken saToken = cloud.issueIamToken(sa);
		IamToken userToken = cloud.issueIamToken(cloud.createUserAccount());
		ApiKey key = cloud.createApiKey(sa, Set.of(Scopes.FOUNDATION_MODELS_EXECUTE, Scopes.WORKFLOWS_EXECUTE, Scopes.MONITORING_MANAGE));
		ApiKey defaultKey = cloud.createApiKey(sa);
		secrets = List.of(saToken.value(), userToken.value(), key.value(), defaultKey.value());
	}

	@AfterProperty
	void stop() {
		cloud.close();
	}

	@Property(tries = TRIES)
	void neverAServerErrorAndAlwaysTheRoutesErrorShape(@ForAll("attempts") Attempt attempt) {
		RawHttp.Response r = send(attempt);

		assertThat(r.status()).as(attempt.toString()).isLessThan(500);
		assertThat(r.header("x-request-id")).isNotEmpty();
		if (r.status() >= 400) {
			assertWellFormedError(attempt.route().style(), r);
		}
	}

	@Property(tries = TRIES)
	void noRegisteredSecretEverAppearsWhole(@ForAll("attempts") Attempt attempt) {
		RawHttp.Response r = send(attempt);
		RecordedRequest recorded = cloud.journal().last().orElseThrow();

		for (String secret : secrets) {
			assertThat(r.raw()).doesNotContain(secret);
			assertThat(recorded.toString()).doesNotContain(secret);
			assertThat(recorded.describe()).doesNotContain(secret);
		}
	}

	@Property(tries = TRIES / 2)
	void theAnswerDependsOnlyOnTheRequest(@ForAll("attempts") Attempt attempt) {
		RawHttp.Response first = send(attempt);
		RawHttp.Response second = send(attempt);

		assertThat(second.status()).isEqualTo(first.status());
		if (first.status() >= 400) {
			assertThat(withoutIds(second.body())).isEqualTo(withoutIds(first.body()));
		}
	}

	private RawHttp.Response send(Attempt attempt) {
		return RawHttp.send(cloud.port(), attempt.route().method(), attempt.route().path(), attempt.headers(), attempt.route().body());
	}

	private static String withoutIds(String body) {
		return body.replaceAll("\"requestId\":\"[^\"]*\"", "");
	}

	private static void assertWellFormedError(String style, RawHttp.Response r) {
		assertThat(r.header("content-type")).isEqualTo("application/json");
		JsonNode body = Json.parse(r.body());
		switch (style) {
			case "standard" -> {
				assertThat(body.path("code").isInt()).isTrue();
				assertThat(body.path("message").asText()).isNotEmpty();
				assertThat(body.path("details").get(0).path("requestId").asText()).isEqualTo(r.header("x-request-id"));
			}
			case "ai" -> {
				assertThat(body.path("error").path("httpCode").asInt()).isEqualTo(r.status());
				assertThat(body.path("error").path("message").asText()).isNotEmpty();
				assertThat(body.path("error").path("details").get(0).path("requestId").asText()).isEqualTo(r.header("x-request-id"));
			}
			default -> {
				assertThat(body.path("status").asText()).isEqualTo("error");
				assertThat(body.path("error").asText()).isNotEmpty();
			}
		}
	}

	@Provide
	Arbitrary<Attempt> attempts() {
		Arbitrary<Route> routes = Arbitraries.of(
				new Route("GET", "/compute/v1/instances", "standard", null),
				new Route("POST", "/workflows/v1/execution/start", "standard", "{}"),
				new Route("POST", "/translate/v2/translate", "standard", "{\"texts\":[\"x\"]}"),
				new Route("POST", "/foundationModels/v1/completion", "ai", "{\"modelUri\":\"gpt://b1gzzz/yandexgpt\"}"),
				new Route("POST", "/v1/chat/completions", "ai", "{\"model\":\"gpt://b1gzzz/yandexgpt\"}"),
				new Route("POST", "/prometheus/workspaces/ws1/api/v1/write", "prometheus", "x"));
		Arbitrary<List<Map.Entry<String, String>>> headers = Combinators.combine(
				authorization().list().ofMinSize(0).ofMaxSize(3),
				folder().list().ofMinSize(0).ofMaxSize(2),
				headerName(), anyValue()).as((auths, folders, name, value) -> {
					List<Map.Entry<String, String>> list = new ArrayList<>();
					auths.forEach(a -> list.add(Map.entry(a.getKey(), a.getValue())));
					folders.forEach(f -> list.add(Map.entry("x-folder-id", f)));
					list.add(Map.entry(name, value));
					return list;
				});
		return Combinators.combine(routes, headers).as(Attempt::new);
	}

	private Arbitrary<Map.Entry<String, String>> authorization() {
		Arbitrary<String> name = Arbitraries.of("Authorization", "authorization", "AUTHORIZATION");
		Arbitrary<String> scheme = Arbitraries.oneOf(Arbitraries.of("Bearer", "bearer", "Api-Key", "api-key", "API-KEY", "ApiKey", "OAuth", "Basic", ""),
				Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12));
		Arbitrary<String> space = Arbitraries.of(" ", "  ", "\t", "", " \t ");
		Arbitrary<String> value = Arbitraries.oneOf(secret(), mutatedSecret(), anyValue());
		Arbitrary<String> header = Combinators.combine(space, scheme, space, value, space).as((a, s, b, v, c) -> a + s + b + v + c);
		return Combinators.combine(name, header).as(Map::entry);
	}

	private Arbitrary<String> secret() {
		return Arbitraries.of(secrets);
	}

	private Arbitrary<String> mutatedSecret() {
		return Combinators.combine(secret(), Arbitraries.of("prefix", "suffix", "upper", "cut", "space")).as((s, how) -> switch (how) {
			case "prefix" -> "x" + s;
			case "suffix" -> s + "x";
			case "upper" -> s.toUpperCase(java.util.Locale.ROOT);
			case "cut" -> s.substring(0, s.length() - 1);
			default -> s.substring(0, 10) + " " + s.substring(10);
		});
	}

	private Arbitrary<String> folder() {
		return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("b1gzzz"), Arbitraries.create(() -> sa.folderId()), anyValue());
	}

	private static Arbitrary<String> headerName() {
		return Arbitraries.of("x-folder-id", "OpenAI-Project", "x-client-request-id", "x-data-logging-enabled", "Content-Type", "X-Anything");
	}

	/** Any header-safe text: every byte but CR, LF and NUL (which no HTTP parser passes on), up to 2 KiB. */
	private static Arbitrary<String> anyValue() {
		return Arbitraries.strings().withCharRange('\u0001', '\u00ff').excludeChars('\r', '\n').ofMaxLength(2048);
	}
}
