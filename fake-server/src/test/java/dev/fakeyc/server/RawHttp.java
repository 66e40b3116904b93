package dev.fakeyc.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Sends requests byte for byte over a socket, for headers java.net.http refuses to send. */
public final class RawHttp {
	/** One answer as read: status, headers by lower-case name, body, and the whole text. */
	public record Response(int status, Map<String, String> headers, String body, String raw) {
		String header(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}
	}

	private RawHttp() {
	}

	/** One request with Connection: close; {@code headers} are written as given, duplicates included. */
	static Response send(int port, String method, String path, List<Map.Entry<String, String>> headers, String body) {
		StringBuilder sb = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (Map.Entry<String, String> h : headers) {
			sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
		}
		byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		if (body != null) {
			sb.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
		}
		sb.append("Connection: close\r\n\r\n");
		return parse(exchange(port, sb.toString(), bytes));
	}

	/** Writes the request text (ISO-8859-1, so any byte value passes) and a body, and reads all the answer. */
	static String exchange(int port, String head, byte[] body) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** {@link #exchange(int, String, byte[])} for a request without a separate body. */
	static String exchange(int port, String request) {
		return exchange(port, request, new byte[0]);
	}

	/**
	 * Reads one answer from a connection kept open: its head up to the blank line and a body of its Content-Length.
	 *
	 * @return the answer, its body decoded as UTF-8
	 * @throws AssertionError if the connection closes first
	 */
	public static Response readResponse(InputStream in) {
		try {
			StringBuilder sb = new StringBuilder();
			while (!sb.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new AssertionError("connection closed after '" + sb + "'");
				}
				sb.append((char) b);
			}
			Response head = parse(sb.toString());
			String length = head.header("content-length");
			byte[] body = in.readNBytes(length.isEmpty() ? 0 : Integer.parseInt(length));
			return parse(sb + new String(body, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Response parse(String raw) {
		int end = raw.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new AssertionError("not an HTTP response: '" + raw + "'");
		}
		String[] lines = raw.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		return new Response(status, headers, raw.substring(end + 4), raw);
	}
}
