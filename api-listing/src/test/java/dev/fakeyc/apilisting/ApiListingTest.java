package dev.fakeyc.apilisting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiListingTest {
	private static final Path FIXTURES = Path.of("target/test-classes");

	private static ApiListing fixtures() {
		return ApiListing.of(FIXTURES);
	}

	@Test
	void listsPublicAndProtectedTypesAndMembersSortedWithTheirSignatures() {
		assertThat(fixtures().lines()).containsSubsequence(
				"public class dev.fakeyc.apilisting.fixture.Sample<T extends java.lang.Comparable<T>> implements java.lang.Comparable<dev.fakeyc.apilisting.fixture.Sample<T>>",
				"\tpublic static final int LIMIT",
				"\tpublic Sample()",
				"\tpublic int compareTo(dev.fakeyc.apilisting.fixture.Sample<T>)",
				"\tpublic T first(java.util.List<? extends T>) throws java.io.IOException",
				"\tprotected java.lang.String forSubclasses()",
				"public abstract static @interface dev.fakeyc.apilisting.fixture.Sample$Marker",
				"\tpublic abstract java.lang.String[] names() default {\"a\"}");
	}

	@Test
	void leavesOutHiddenMembersHiddenTypesAndInternalPackages() {
		assertThat(fixtures().text()).doesNotContain("hidden", "Hidden", "secret", "internal", "NotApi", "Sample(int)");
	}

	@Test
	void passesOnTheSameListingAndFailsOnADifferenceSayingHowToRegenerate(@TempDir Path dir) throws IOException {
		Path listing = dir.resolve("fixture.api");
		Files.writeString(listing, fixtures().text());
		fixtures().check(listing, false);

		Files.writeString(listing, fixtures().text().replace("\tpublic Sample()\n", "\tpublic Sample(long)\n"));
		assertThatThrownBy(() -> fixtures().check(listing, false)).isInstanceOf(AssertionError.class)
				.hasMessageContaining("  - public Sample(long)\n  + public Sample()\n")
				.hasMessageContaining("mvn -B verify -Dfakeyc.api.update=true");
	}

	@Test
	void updatingWritesTheListing(@TempDir Path dir) throws IOException {
		Path listing = dir.resolve("api/fixture.api");
		fixtures().check(listing, true);
		assertThat(listing).hasContent(fixtures().text().stripTrailing());
		fixtures().check(listing, false);
	}

	@Test
	void failsOnAMissingListingSayingHowToCreateIt(@TempDir Path dir) {
		assertThatThrownBy(() -> fixtures().check(dir.resolve("none.api"), false)).isInstanceOf(AssertionError.class)
				.hasMessageContaining("No API listing at").hasMessageContaining("-Dfakeyc.api.update=true");
	}

	@Test
	void refusesADirectoryThatDoesNotExist() {
		assertThatThrownBy(() -> ApiListing.of(Path.of("target/no-such-classes"))).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("No compiled classes at");
	}
}
