package dev.fakeyc.testcontainers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalImage.class)
class ImageTest {
	@Test
	void smoke() throws Exception {
		try (GenericContainer<?> c = new GenericContainer<>(LocalImage.IMAGE).withExposedPorts(8080)) {
			c.start();
			HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + c.getHost() + ":" + c.getMappedPort(8080) + "/workflows/v1/execution/start")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).isEqualTo(401);
		}
	}
}
