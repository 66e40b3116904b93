package dev.fakeyc.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Sends samples to Monitoring's Prometheus remote-write endpoint with an API key as the bearer token,
 * as a Prometheus {@code remote_write} with {@code bearer_token:} does. The body is a remote-write
 * {@code WriteRequest} in protobuf, framed as snappy's block format with literal runs only (valid
 * snappy, just not compressed), so no library is needed.
 */
public final class PrometheusRemoteWriter {
	private final HttpClient http = HttpClient.newHttpClient();
	private final URI endpoint;
	private final String apiKey;

	public PrometheusRemoteWriter(URI baseUrl, String workspaceId, String apiKey) {
		this.endpoint = baseUrl.resolve("/prometheus/workspaces/" + workspaceId + "/api/v1/write");
		this.apiKey = apiKey;
	}

	/** Sends one sample of one series; throws {@link YandexCloudException} when refused. */
	public void send(String metric, Map<String, String> labels, double value, long timestampMillis) {
		HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + apiKey)
				.header("Content-Type", "application/x-protobuf")
				.header("Content-Encoding", "snappy")
				.header("X-Prometheus-Remote-Write-Version", "0.1.0")
				.POST(HttpRequest.BodyPublishers.ofByteArray(snappyLiteral(writeRequest(metric, labels, value, timestampMillis))))
				.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw YandexCloudException.from(response.statusCode(), response.body(), response.headers().firstValue("x-request-id").orElse(""));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	// WriteRequest { repeated TimeSeries timeseries = 1; }  TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
	// Label { string name = 1; string value = 2; }  Sample { double value = 1; int64 timestamp = 2; }
	static byte[] writeRequest(String metric, Map<String, String> labels, double value, long timestampMillis) {
		ByteArrayOutputStream series = new ByteArrayOutputStream();
		field(series, 1, label("__name__", metric));
		labels.forEach((k, v) -> field(series, 1, label(k, v)));
		ByteArrayOutputStream sample = new ByteArrayOutputStream();
		sample.write(0x09); // field 1, fixed64
		long bits = Double.doubleToLongBits(value);
		for (int i = 0; i < 8; i++) {
			sample.write((int) (bits >>> (8 * i)) & 0xff);
		}
		sample.write(0x10); // field 2, varint
		varint(sample, timestampMillis);
		field(series, 2, sample.toByteArray());
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		field(request, 1, series.toByteArray());
		return request.toByteArray();
	}

	private static byte[] label(String name, String value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		field(out, 1, name.getBytes(StandardCharsets.UTF_8));
		field(out, 2, value.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
		out.write((number << 3) | 2);
		varint(out, bytes.length);
		out.writeBytes(bytes);
	}

	private static void varint(ByteArrayOutputStream out, long v) {
		while ((v & ~0x7FL) != 0) {
			out.write((int) ((v & 0x7F) | 0x80));
			v >>>= 7;
		}
		out.write((int) v);
	}

	/** Snappy block format: the uncompressed length as a varint, then literal runs of at most 60 bytes. */
	static byte[] snappyLiteral(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 60 + 8);
		varint(out, data.length);
		for (int i = 0; i < data.length; i += 60) {
			int n = Math.min(60, data.length - i);
			out.write((n - 1) << 2);
			out.write(data, i, n);
		}
		return out.toByteArray();
	}
}
