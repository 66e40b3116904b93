package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, kind 1: every buffer that grows with client input has a byte budget. The journal keeps
 * each entry bounded (headers counted and cut, long values cut and marked) and drops its oldest
 * entries past its byte ceiling; the control API reads it in pages.
 */
class BoundedJournalTest {
	private static final long CEILING = 256 * 1024;

	private static FakeYandexCloud start() {
		return FakeYandexCloud.builder().journalMaxBytes(CEILING).controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start();
	}

	/** The instance: 990 small headers a request, 300 requests on one connection; the fake answers each and the journal stays within its ceiling. */
	@Test
	void manyHeadersOnOneConnectionStayWithinTheCeiling() throws IOException {
		try (FakeYandexCloud cloud = start(); Socket socket = new Socket("127.0.0.1", cloud.port())) {
			socket.setSoTimeout(10_000);
			StringBuilder head = new StringBuilder("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\n");
			for (int i = 0; i < 990; i++) {
				head.append("X-H").append(i).append(": v").append(i).append("\r\n");
			}
			byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 300; i++) {
				out.write(request);
				out.flush();
				assertThat(RawHttp.readResponse(in).status()).isEqualTo(401);
			}

			assertThat(cloud.journal().totalRecorded()).isEqualTo(300);
			assertThat(cloud.journal().heldBytes()).isLessThanOrEqualTo(CEILING);
			RecordedRequest last = cloud.journal().last().orElseThrow();
			assertThat(last.headers()).hasSizeLessThanOrEqualTo(65);
			assertThat(last.headers().get(":cut")).singleElement().asString().startsWith("927 more header values not kept");
			assertThat(new Http(cloud).get("/_fakeyc/health").send().statusCode()).isEqualTo(200);
		}
	}

	/** The instance: a 60 kB header value is cut in the journal and marked as cut; the request itself is answered as usual. */
	@Test
	void aLongHeaderValueIsCutAndMarked() {
		try (FakeYandexCloud cloud = start()) {
			String big = "z".repeat(60_000);
			RawHttp.Response r = RawHttp.send(cloud.port(), "GET", "/compute/v1/instances", List.of(Map.entry("X-Big", big)), null);

			assertThat(r.status()).isEqualTo(401);
			String kept = cloud.journal().last().orElseThrow().header("x-big").orElseThrow();
			assertThat(kept).hasSizeLessThan(1100).startsWith("zzzz").endsWith("…[cut, 60000 chars]");
		}
	}

	/** Generated: whatever the number and size of headers (within what the fake reads), an entry stays within its bounds. */
	@Property(tries = 25)
	void everyEntryIsBounded(@ForAll @IntRange(min = 0, max = 400) int headers, @ForAll @IntRange(min = 0, max = 3000) int valueLength) {
		try (FakeYandexCloud cloud = start()) {
			StringBuilder head = new StringBuilder("GET /compute/v1/instances HTTP/1.1\r\nHost: a\r\nConnection: close\r\n");
			int written = 0;
			for (int i = 0; i < headers && written < 60_000; i++) {
				String line = "X-" + i + ": " + "v".repeat(valueLength) + "\r\n";
				head.append(line);
				written += line.length();
			}
			String raw = RawHttp.exchange(cloud.port(), head.append("\r\n").toString());

			assertThat(raw).startsWith("HTTP/1.1 401");
			RecordedRequest r = cloud.journal().last().orElseThrow();
			long chars = 0;
			int values = 0;
			for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
				for (String v : h.getValue()) {
					chars += v.length();
					values++;
					assertThat(v.length()).isLessThanOrEqualTo(1024 + 40);
				}
			}
			assertThat(values).isLessThanOrEqualTo(65);
			assertThat(chars).isLessThanOrEqualTo(8 * 1024 + 200);
			assertThat(cloud.journal().heldBytes()).isLessThanOrEqualTo(CEILING);
		}
	}

	/** Past the ceiling the oldest entries go, the newest stay, and the count stays true. */
	@Test
	void theOldestEntriesGoPastTheCeiling() {
		try (FakeYandexCloud cloud = start()) {
			for (int i = 0; i < 200; i++) {
				RawHttp.send(cloud.port(), "GET", "/compute/v1/instances?n=" + i, List.of(Map.entry("X-Big", "q".repeat(8000))), null);
			}

			assertThat(cloud.journal().totalRecorded()).isEqualTo(200);
			assertThat(cloud.journal().heldBytes()).isBetween(1L, CEILING);
			assertThat(cloud.journal().size()).isBetween(2, 199);
			assertThat(cloud.journal().last().orElseThrow().query()).isEqualTo("n=199");
		}
	}

	/**
	 * Small requests (each well under a 1,024th of the ceiling, so the held bytes are summed only for every sixteenth)
	 * past a ceiling: the oldest go, the newest stays, and the held bytes read within the ceiling.
	 */
	@Test
	void smallRequestsPastTheCeilingStayWithinIt() throws IOException {
		long ceiling = 1024 * 1024;
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().journalMaxBytes(ceiling).build().start();
				Socket socket = new Socket("127.0.0.1", cloud.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 2500; i++) {
				out.write(("GET /compute/v1/instances?n=" + i + " HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				assertThat(RawHttp.readResponse(in).status()).isEqualTo(401);
			}

			assertThat(cloud.journal().totalRecorded()).isEqualTo(2500);
			int size = cloud.journal().size(); // a read settles the ceiling first: the reads that follow see the same journal
			long held = cloud.journal().heldBytes();
			assertThat(cloud.journal().size()).isEqualTo(size);
			assertThat(held).isBetween(1L, ceiling);
			assertThat(size).isBetween(2, 2499);
			assertThat(held / size).as("bytes a request").isLessThan(ceiling / 1024);
			assertThat(cloud.journal().last().orElseThrow().query()).isEqualTo("n=2499");
		}
	}

	/** The journal endpoint pages: limit, next and more; a bad parameter gets 400 in the standard shape. */
	@Test
	void theJournalEndpointPages() {
		try (FakeYandexCloud cloud = start()) {
			Http http = new Http(cloud);
			for (int i = 0; i < 5; i++) {
				http.get("/compute/v1/instances?n=" + i).send();
			}

			JsonNode first = Json.parse(http.get("/_fakeyc/journal?limit=2").send().body());
			assertThat(first.path("requests")).hasSize(2);
			assertThat(first.path("requests").get(0).path("query").asText()).isEqualTo("n=0");
			assertThat(first.path("more").asBoolean()).isTrue();
			JsonNode second = Json.parse(http.get("/_fakeyc/journal?limit=10&from=" + first.path("next").asLong()).send().body());
			assertThat(second.path("requests").get(0).path("query").asText()).isEqualTo("n=2");
			assertThat(second.path("requests")).hasSize(3); // the journal request itself is not journaled
			assertThat(second.path("more").asBoolean()).isFalse();

			for (String bad : List.of("limit=0", "limit=1001", "from=-1", "from=99999999999999999999999", "limit=abc")) {
				var r = http.get("/_fakeyc/journal?" + bad).send();
				assertThat(r.statusCode()).as(bad).isEqualTo(400);
				assertThat(Json.body(r).path("message").asText()).as(bad).startsWith("query parameter ");
			}
		}
	}

	/** One page stays about a mebibyte however large the entries: the next page says where to go on. */
	@Test
	void onePageIsBoundedInBytes() {
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start()) {
			List<Map.Entry<String, String>> eight = new java.util.ArrayList<>();
			for (int h = 0; h < 8; h++) {
				eight.add(Map.entry("X-Big-" + h, "w".repeat(1000)));
			}
			for (int i = 0; i < 150; i++) {
				RawHttp.send(cloud.port(), "GET", "/compute/v1/instances", eight, null);
			}
			var r = new Http(cloud).get("/_fakeyc/journal").send();

			assertThat(r.body().length()).isLessThan(2 * 1024 * 1024);
			JsonNode page = Json.parse(r.body());
			assertThat(page.path("requests").size()).isBetween(1, 149);
			assertThat(page.path("more").asBoolean()).isTrue();
		}
	}
}
