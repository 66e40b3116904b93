package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Oversized or malformed requests get a clear 4xx with a JSON body; idle connections don't starve others. */
class LimitsTest extends FakeCloudTestBase {
	@Override
	protected FakeYandexCloud.Builder settings() {
		return FakeYandexCloud.builder().maxBodySize(1000);
	}

	private String raw(String request) {
		return RawHttp.exchange(cloud.port(), request);
	}

	private static String body(String response) {
		return response.substring(response.indexOf("\r\n\r\n") + 4);
	}

	@Test
	void oversizedHeadersGet431WithAJsonBody() throws IOException {
		String r = raw("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + "x".repeat(70_000) + "\r\nConnection: close\r\n\r\n");

		assertThat(r).startsWith("HTTP/1.1 431");
		assertThat(Json.parse(body(r)).path("message").asText()).isEqualTo("request headers take 70052 bytes; the fake accepts at most 65536");
		assertThat(r).doesNotContain("x".repeat(100));
	}

	@Test
	void oversizedUrlGets414WithAJsonBody() throws IOException {
		String r = raw("GET /compute/v1/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

		assertThat(r).startsWith("HTTP/1.1 414");
		assertThat(Json.parse(body(r)).path("code").asInt()).isEqualTo(3);
	}

	@Test
	void oversizedBodyGets413BeforeItIsRead() {
		HttpResponse<String> r = new Http(cloud).post("/translate/v2/translate", "{\"texts\":[\"" + "y".repeat(2000) + "\"]}").send();

		assertThat(r.statusCode()).isEqualTo(413);
		assertThat(Json.body(r).path("message").asText()).isEqualTo("request body is 2014 bytes; the fake accepts at most 1000");
		assertThat(Json.body(r).path("details").get(0).path("requestId").asText()).isEqualTo(Json.requestId(r));
	}

	@Test
	void oversizedChunkedBodyGets413() throws IOException {
		String r = raw("POST /translate/v2/translate HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
				+ "5dc\r\n" + "y".repeat(1500) + "\r\n0\r\n\r\n");

		assertThat(r).startsWith("HTTP/1.1 413");
		assertThat(Json.parse(body(r)).path("message").asText()).isEqualTo("request body is larger than 1000 bytes, the most the fake accepts");
	}

	@Test
	void chunkedBodyWithinTheLimitIsRead() throws IOException {
		String r = raw("POST /translate/v2/translate HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
				+ "2\r\n{}\r\n0\r\n\r\n");

		assertThat(r).startsWith("HTTP/1.1 401");
	}

	@Test
	void badPercentEncodingIsJustAnotherPath() throws IOException {
		String r = raw("GET /compute/v1/%zz%ff HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

		assertThat(r).startsWith("HTTP/1.1 401");
		assertThat(Json.parse(body(r)).path("message").asText()).isEqualTo("IAM token or API key has to be passed in request");
	}

	@Test
	void controlCharactersInTheCredentialAreAnUnknownCredential() throws IOException {
		String r = raw("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \u0001\u00ff\u00fet1.x\r\nConnection: close\r\n\r\n");

		assertThat(r).startsWith("HTTP/1.1 401");
		assertThat(Json.parse(body(r)).path("message").asText()).isEqualTo("The token is invalid");
	}

	@Test
	void manyHalfOpenConnectionsDoNotStarveARealRequest() throws IOException {
		List<Socket> idle = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				Socket s = new Socket("127.0.0.1", cloud.port());
				s.getOutputStream().write("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
				s.getOutputStream().flush();
				idle.add(s);
			}

			HttpResponse<String> r = new Http(cloud).get("/compute/v1/instances").send();

			assertThat(r.statusCode()).isEqualTo(401);
		} finally {
			for (Socket s : idle) {
				s.close();
			}
		}
	}
}
