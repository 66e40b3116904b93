package dev.fakeyc.testcontainers;

import dev.fakeyc.apilisting.ApiListing;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The public API is the reviewed one: a change shows as a diff of {@code api/fakeyc-testcontainers.api} (regenerate with -Dfakeyc.api.update=true). */
class PublicApiTest {
	@Test
	void isTheReviewedListing() {
		ApiListing.of(Path.of("target/classes")).check(Path.of("api/fakeyc-testcontainers.api"));
	}
}
