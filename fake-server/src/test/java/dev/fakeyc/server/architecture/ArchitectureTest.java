package dev.fakeyc.server.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's seams, checked on the compiled classes (ArchUnit reads the bytecode, so it sees every
 * reference, also those javac inlines nowhere else): internals never reach the public facade, and the
 * internal packages form no cycle, so each stage can be read, tested and replaced on its own.
 */
class ArchitectureTest {
	private static JavaClasses server;

	@BeforeAll
	static void importServer() {
		server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.fakeyc.server");
	}

	@Test
	void theClassesAreThere() {
		// a rule over no classes passes vacuously: make sure the import found the engine and the facade
		assertThat(server.contain("dev.fakeyc.server.FakeYandexCloud")).isTrue();
		assertThat(server.contain("dev.fakeyc.server.internal.engine.Engine")).isTrue();
	}

	@Test
	void noInternalClassUsesTheFacade() {
		noClasses().that().resideInAPackage("dev.fakeyc.server.internal..")
				.should().dependOnClassesThat().haveFullyQualifiedName("dev.fakeyc.server.FakeYandexCloud")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fakeyc.server.FakeYandexCloud$Builder")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fakeyc.server.FakeYandexCloud$ControlApi")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("dev.fakeyc.server.CredentialRegistry")
				.check(server);
	}

	@Test
	void theInternalPackagesHaveNoCycle() {
		slices().matching("dev.fakeyc.server.internal.(*)..").should().beFreeOfCycles().check(server);
	}

	/**
	 * The build compiles with {@code -XDignore.symbol.file} so that {@code sun.misc.Signal} in the standalone main
	 * passes {@code -Werror}; that flag hides every "internal proprietary API" warning, so this rule keeps such
	 * APIs to the one class that needs them.
	 */
	@Test
	void onlyTheStandaloneMainUsesJdkInternals() {
		noClasses().that().doNotHaveFullyQualifiedName("dev.fakeyc.server.standalone.Main")
				.should().dependOnClassesThat().resideInAnyPackage("sun..", "com.sun..", "jdk.internal..")
				.check(server);
	}

	/**
	 * There is no {@code module-info} (see the README), so the {@code internal} packages are visible to everyone:
	 * every public type there says it is not API, which IDEs and API tools show to the user.
	 */
	@Test
	void everyPublicTypeUnderInternalIsMarkedInternal() {
		classes().that().resideInAPackage("dev.fakeyc.server.internal..").and().arePublic()
				.should(new ArchCondition<JavaClass>("be marked @API(status = INTERNAL), itself or by its enclosing type") {
					@Override
					public void check(JavaClass type, ConditionEvents events) {
						if (!markedInternal(type)) {
							events.add(SimpleConditionEvent.violated(type, type.getName() + " is public under internal but not marked @API(status = INTERNAL)"));
						}
					}
				})
				.check(server);
	}

	private static boolean markedInternal(JavaClass type) {
		boolean marked = type.tryGetAnnotationOfType(API.class).map(api -> api.status() == API.Status.INTERNAL).orElse(false);
		return marked || type.getEnclosingClass().map(ArchitectureTest::markedInternal).orElse(false);
	}
}
