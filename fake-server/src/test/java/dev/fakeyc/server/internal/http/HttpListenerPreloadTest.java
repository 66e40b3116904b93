package dev.fakeyc.server.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The classes the jar's preload thread loads ahead of a first request exist under the names it gives (a rename would
 * otherwise only lose the head start, silently). Loading without initializing: this JVM's other tests need no help.
 */
class HttpListenerPreloadTest {
	@Test
	void everyFirstRequestClassLoadsUnderItsName() {
		assertThat(HttpListener.FIRST_REQUEST).doesNotHaveDuplicates().isNotEmpty();
		for (String name : HttpListener.FIRST_REQUEST) {
			assertThatCode(() -> Class.forName(name, false, HttpListener.class.getClassLoader())).as(name).doesNotThrowAnyException();
		}
	}
}
