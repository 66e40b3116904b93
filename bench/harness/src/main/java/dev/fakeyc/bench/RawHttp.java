package dev.fakeyc.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** A request with a chosen {@code Host} header (java.net.http forbids setting it), over a plain socket. */
final class RawHttp {
	private RawHttp() {
	}

	static HttpResponse<String> send(int port, String method, String path, String host, String authorization) throws IOException {
		try (Socket s = new Socket("127.0.0.1", port)) {
			OutputStream out = s.getOutputStream();
			String req = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
					+ "Content-Length: 0\r\nConnection: close\r\n\r\n";
			out.write(req.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = s.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int split = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, split).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new HashMap<>();
			for (int i = 1; i < lines.length; i++) {
				String[] kv = lines[i].split(": ?", 2);
				headers.computeIfAbsent(kv[0].toLowerCase(), k -> new ArrayList<>()).add(kv[1]);
			}
			String body = text.substring(split + 4);
			return new Simple(status, HttpHeaders.of(headers, (a, b) -> true), body);
		}
	}

	private record Simple(int statusCode, HttpHeaders headers, String body) implements HttpResponse<String> {
		public HttpRequest request() {
			return null;
		}

		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		public java.net.URI uri() {
			return null;
		}

		public java.net.http.HttpClient.Version version() {
			return java.net.http.HttpClient.Version.HTTP_1_1;
		}
	}
}
