package dev.fakeyc.server;

import dev.fakeyc.apilisting.ApiListing;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The public API is the reviewed one: a change shows as a diff of {@code api/fakeyc-server.api} (regenerate with
 * {@code -Dfakeyc.api.update=true}). Classes under {@code internal} are not API and are not listed.
 */
class PublicApiTest {
	@Test
	void isTheReviewedListing() {
		ApiListing.of(Path.of("target/classes")).check(Path.of("api/fakeyc-server.api"));
	}
}
