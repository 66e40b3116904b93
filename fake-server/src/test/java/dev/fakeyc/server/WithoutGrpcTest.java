package dev.fakeyc.server;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A REST-only user has no grpc on the classpath (fakeyc declares it optional): the facade loads, starts and answers,
 * and asking for the gRPC front says which artifacts to add. The fake is loaded afresh from this test's classpath
 * minus every {@code io.grpc} jar.
 */
class WithoutGrpcTest {
	@Test
	void theFacadeWorksWithoutGrpcAndTheFrontNamesWhatToAdd() throws Exception {
		List<URL> urls = new ArrayList<>();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		for (String entry : classpath.split(File.pathSeparator)) {
			if (!entry.replace('\\', '/').contains("/io/grpc/")) {
				urls.add(new File(entry).toURI().toURL());
			}
		}
		try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
			assertThat(catchThrowable(() -> loader.loadClass("io.grpc.Server"))).isInstanceOf(ClassNotFoundException.class);
			Class<?> facade = loader.loadClass("dev.fakeyc.server.FakeYandexCloud");
			Object builder = facade.getMethod("builder").invoke(null);
			Method grpc = builder.getClass().getMethod("grpc", int.class);

			Throwable refused = catchThrowable(() -> grpc.invoke(builder, 0));

			assertThat(refused).isInstanceOf(InvocationTargetException.class);
			assertThat(refused.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("io.grpc:grpc-netty-shaded")
					.hasMessageContaining("grpc-api");
			Object cloud = facade.getMethod("create").invoke(null);
			facade.getMethod("start").invoke(cloud);
			try {
				URI url = (URI) facade.getMethod("url", String.class).invoke(cloud, "/endpoints");
				HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
				connection.setRequestProperty("Connection", "close");
				try (InputStream in = connection.getInputStream()) {
					assertThat(connection.getResponseCode()).isEqualTo(200);
					assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"resourcemanager\"");
				} finally {
					connection.disconnect();
				}
			} finally {
				facade.getMethod("close").invoke(cloud);
			}
		}
	}
}
