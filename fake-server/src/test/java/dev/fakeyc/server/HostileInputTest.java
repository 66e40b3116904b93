package dev.fakeyc.server;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, kind 4: bad input that is not an auth matter gets a clear 4xx in the standard shape at
 * once (or a clean close where the HTTP parser itself gives up) — never a 5xx, a hang, or a dead task.
 */
class HostileInputTest {
	private static FakeYandexCloud start() {
		return FakeYandexCloud.builder().controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start();
	}

	/** The instances: documents past Jackson's limits get 400 naming the problem, not 500. */
	@Test
	void deepHugeAndLongDocumentsGet400() {
		List<String> documents = List.of("[".repeat(100_000) + "]".repeat(100_000),
				"{\"serviceAccounts\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
				"{\"serviceAccounts\":[{\"id\":\"a\",\"folderId\":" + "9".repeat(5_000) + "}]}",
				"{\"" + "k".repeat(100_000) + "\":1}",
				"{\"serviceAccounts\":[{\"" + "k".repeat(100_000) + "\":1}]}");
		try (FakeYandexCloud cloud = start()) {
			Http http = new Http(cloud);
			for (String doc : documents) {
				HttpResponse<String> r = http.post("/_fakeyc/credentials", doc).send();

				assertThat(r.statusCode()).as(doc.substring(0, 40)).isEqualTo(400);
				assertThat(Json.body(r).path("message").asText()).as(doc.substring(0, 40)).startsWith("$").hasSizeLessThan(1500);
			}
			assertThat(http.get("/_fakeyc/health").send().statusCode()).isEqualTo(200);
		}
	}

	/** The instances: declared sizes and encodings the fake will not read get its JSON 400 at once, not a 30 s hang. */
	@ParameterizedTest
	@ValueSource(strings = { "Content-Length: 99999999999999999999999", "Content-Length: -1", "Content-Length: 1e3", "Content-Length: 0x10",
			"Content-Length: 9223372036854775808", "Transfer-Encoding: identity", "Transfer-Encoding: xchunked", "Transfer-Encoding: gzip, chunked" })
	void declaredFramingIsCheckedBeforeAnyByteIsTrusted(String header) {
		try (FakeYandexCloud cloud = start()) {
			long started = System.nanoTime();
			String raw = RawHttp.exchange(cloud.port(), "POST /iam/v1/tokens HTTP/1.1\r\nHost: a\r\n" + header + "\r\n\r\n");

			assertThat((System.nanoTime() - started) / 1_000_000).as("ms to answer").isLessThan(5_000);
			RawHttp.Response r = RawHttp.parse(raw);
			assertThat(r.status()).isEqualTo(400);
			assertThat(Json.parse(r.body()).path("message").asText()).isNotEmpty().hasSizeLessThan(600);
			assertThat(r.header("connection")).isEqualTo("close");
		}
	}

	/** Framing Undertow's parser refuses: answered (JSON 400/431, or Undertow's own refusal) and closed at once, never a hang. */
	@ParameterizedTest
	@ValueSource(strings = { "cl+te", "two-cl", "1001-headers", "h2-preface", "1MiB-header", "chunk-overflow" })
	void parserRefusalsAreImmediate(String kind) {
		String head = switch (kind) {
			case "cl+te" -> "POST /iam/v1/tokens HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
			case "two-cl" -> "POST /iam/v1/tokens HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd";
			case "1001-headers" -> "GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\n" + "X-H: v\r\n".repeat(1001) + "\r\n";
			case "h2-preface" -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
			case "1MiB-header" -> "GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(1024 * 1024) + "\r\n\r\n";
			default -> "POST /iam/v1/tokens HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\nabc";
		};
		try (FakeYandexCloud cloud = start()) {
			long started = System.nanoTime();
			String raw = RawHttp.exchange(cloud.port(), head);

			assertThat((System.nanoTime() - started) / 1_000_000).as("ms to answer").isLessThan(5_000);
			if (!kind.equals("chunk-overflow") || !raw.isEmpty()) { // a chunk size past any number may end in a clean close
				RawHttp.Response r = RawHttp.parse(raw);
				assertThat(r.status()).isBetween(400, 431);
				assertThat(r.header("content-type")).isEqualTo("application/json");
				assertThat(Json.parse(r.body()).path("message").asText()).isNotEmpty();
			}
			assertThat(new Http(cloud).get("/_fakeyc/health").send().statusCode()).isEqualTo(200);
		}
	}

	@Provide
	Arbitrary<String> declaredLengths() {
		Arbitrary<String> longDigits = Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(60);
		Arbitrary<String> notDigits = Arbitraries.strings().withChars("0123456789+-xXeE.,abcdef").ofMinLength(1).ofMaxLength(25)
				.filter(s -> !s.chars().allMatch(Character::isDigit));
		Arbitrary<String> tooLarge = Arbitraries.longs().between(17, Long.MAX_VALUE).map(n -> Long.toString(n));
		return Arbitraries.oneOf(List.of(longDigits, notDigits, tooLarge));
	}

	/** Generated: any declared Content-Length that is not a plain size the fake takes gets a 4xx at once; the server answers after. */
	@Property(tries = 40)
	void anyDeclaredLengthIsAnsweredAtOnce(@ForAll("declaredLengths") String length) {
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().maxBodySize(16).controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start()) {
			long started = System.nanoTime();
			String raw = RawHttp.exchange(cloud.port(), "POST /iam/v1/tokens HTTP/1.1\r\nHost: a\r\nContent-Length: " + length + "\r\n\r\n");

			assertThat((System.nanoTime() - started) / 1_000_000).as("ms to answer").isLessThan(5_000);
			if (!raw.isEmpty()) {
				RawHttp.Response r = RawHttp.parse(raw);
				assertThat(r.status()).as(length).isBetween(400, 413);
			}
			assertThat(new Http(cloud).get("/_fakeyc/health").send().statusCode()).isEqualTo(200);
		}
	}

	/** JWT claims past any real date, or huge, are refused as no date; they never wrap around into a valid lifetime. */
	@ParameterizedTest
	@ValueSource(strings = { "\"iat\":-9000000000000000000,\"exp\":9000000000000000000", "\"iat\":1,\"exp\":" + "9999999999999999999999999",
			"\"iat\":1e308,\"exp\":1e308", "\"iat\":\"now\",\"exp\":2" })
	void outOfRangeJwtClaimsAreRefused(String claims) throws Exception {
		try (FakeYandexCloud cloud = start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			AuthorizedKey key = cloud.createAuthorizedKey(sa);
			String header = b64("{\"alg\":\"PS256\",\"kid\":\"" + key.id() + "\",\"typ\":\"JWT\"}");
			String payload = b64("{\"iss\":\"" + sa.id() + "\",\"aud\":\"https://iam.api.cloud.yandex.net/iam/v1/tokens\"," + claims + "}");
			java.security.Signature signer = java.security.Signature.getInstance("RSASSA-PSS");
			signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
			signer.initSign(key.privateKey());
			signer.update((header + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String jwt = header + "." + payload + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

			HttpResponse<String> r = new Http(cloud).post("/iam/v1/tokens", "{\"jwt\":\"" + jwt + "\"}").send();

			assertThat(r.statusCode()).isEqualTo(401);
			assertThat(Json.body(r).path("message").asText()).contains("NumericDate");
		}
	}

	private static String b64(String json) {
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/** Query numbers and paths are bounded too: a huge query parameter to the control API gets a short 400. */
	@Test
	void controlAnswersStayShort() {
		try (FakeYandexCloud cloud = start()) {
			RawHttp.Response r = RawHttp.send(cloud.port(), "GET", "/_fakeyc/" + "p".repeat(15_000), List.of(), null);

			assertThat(r.status()).isEqualTo(404);
			assertThat(r.body().length()).isLessThan(1_000);
			RawHttp.Response q = RawHttp.send(cloud.port(), "GET", "/_fakeyc/journal?from=" + "7".repeat(10_000), List.of(Map.entry("X", "y")), null);
			assertThat(q.status()).isEqualTo(400);
			assertThat(q.body().length()).isLessThan(1_000);
		}
	}
}
