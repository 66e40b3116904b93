package dev.fakeyc.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's guides quote the samples: every quoted snippet must be the tagged region of its sample, word for word. */
class ReadmeSnippetsTest {
	private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

	@Test
	void everyGuideSnippetIsTheTaggedRegionOfARunningSample() throws IOException {
		Path root = Path.of("..");
		Matcher m = SNIPPET.matcher(Files.readString(root.resolve("README.md")));
		int found = 0;
		while (m.find()) {
			found++;
			assertThat(m.group(3)).as("README snippet %s#%s", m.group(1), m.group(2)).isEqualTo(region(root.resolve(m.group(1)), m.group(2)));
		}
		assertThat(found).as("snippets in the README").isGreaterThanOrEqualTo(7);
	}

	@Test
	void theReadmesDependencyIsExactlyWhatTheConsumerProjectsDeclare() throws IOException {
		Path root = Path.of("..");
		String readme = Files.readString(root.resolve("README.md"));
		String versioned = xmlSnippet(readme, "consumer-dependency");
		String bomImport = xmlSnippet(readme, "consumer-bom-import");
		String bomDependency = xmlSnippet(readme, "consumer-bom-dependency");
		List<Path> poms;
		try (var dirs = Files.list(root.resolve("consumer-tests/projects"))) {
			poms = dirs.map(d -> d.resolve("pom.xml")).filter(Files::isRegularFile).filter(p -> !p.getParent().endsWith("projects")).toList();
		}
		assertThat(poms).as("consumer projects").hasSize(9);
		List<Path> withVersion = new ArrayList<>();
		List<Path> withBom = new ArrayList<>();
		for (Path pom : poms) {
			String text = Files.readString(pom);
			if (text.contains(versioned)) {
				withVersion.add(pom);
			} else {
				assertThat(text).as(pom + ": declares neither of the README's forms").contains(bomImport, bomDependency);
				withBom.add(pom);
			}
		}
		assertThat(withVersion).as("consumer projects with the README's versioned dependency").hasSize(8);
		assertThat(withBom).as("consumer projects with the README's BOM import").hasSize(1);
	}

	private static String xmlSnippet(String readme, String marker) {
		Matcher m = Pattern.compile("<!-- " + marker + " -->\\n```xml\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
		assertThat(m.find()).as("the README's snippet " + marker).isTrue();
		return m.group(1);
	}

	private static String region(Path file, String tag) throws IOException {
		List<String> lines = new ArrayList<>();
		boolean inside = false;
		for (String line : Files.readAllLines(file)) {
			String t = line.strip();
			if (t.equals("// tag::" + tag + "[]")) {
				inside = true;
			} else if (t.equals("// end::" + tag + "[]")) {
				inside = false;
			} else if (inside && !t.startsWith("// tag::") && !t.startsWith("// end::")) {
				lines.add(line);
			}
		}
		assertThat(lines).as("tag %s in %s", tag, file).isNotEmpty();
		int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.replaceFirst("^\\t+", "").length()).min().orElse(0);
		List<String> dedented = new ArrayList<>();
		for (String l : lines) {
			dedented.add(l.isBlank() ? "" : l.substring(indent));
		}
		return String.join("\n", dedented).stripTrailing();
	}
}
