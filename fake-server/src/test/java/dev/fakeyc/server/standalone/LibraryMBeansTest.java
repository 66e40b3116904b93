package dev.fakeyc.server.standalone;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar keeps XNIO's MBeans off the platform MBean server while it starts, and leaves JMX as it was afterwards; a
 * property given on the command line wins. In fresh JVMs ({@link LibraryMBeansMain}): both settings are JVM-wide.
 */
class LibraryMBeansTest {
	@Test
	void theFakeStartsAndAnswersWithoutXnioMBeansAndJmxWorksOnceItListens() throws Exception {
		assertThat(run()).containsExactly("status=401", "later=401", "builder=null", "threads=0", "xnio=0", "runtime=true");
	}

	@Test
	void aBuilderGivenOnTheCommandLineIsLeftAloneAndXnioAndItsExecutorRegisterAsUsual() throws Exception {
		List<String> lines = run("-D" + LibraryMBeans.BUILDER + "=javax.management.MBeanServerBuilder");

		assertThat(lines).contains("status=401", "later=401", "builder=javax.management.MBeanServerBuilder", "runtime=true");
		for (String registered : List.of("xnio=", "threads=")) {
			assertThat(lines).filteredOn(l -> l.startsWith(registered)).singleElement()
					.satisfies(l -> assertThat(Integer.parseInt(l.substring(registered.length()))).as(l).isPositive());
		}
	}

	private static List<String> run(String... jvmOptions) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LibraryMBeansMain.class.getName()));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until the child exits
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(out).isZero();
		return out.lines().filter(l -> l.matches("[a-z]+=.*")).toList(); // the libraries' log lines (stderr) aside
	}
}
