package dev.fakeyc.junit;

import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.StubResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One server per class, per method, per run; shared with @Nested classes; inherited; PER_CLASS. */
class LifecycleModesTest {
	@WithFakeYandexCloud
	static class PerClassTestCase {
		@Test
		void first(FakeYandexCloud cloud, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.port()));
		}

		@Test
		void second(FakeYandexCloud cloud, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.port()));
		}
	}

	static class StaticFieldTestCase {
		@RegisterExtension
		static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder()
				.configure(fake -> fake.stub("GET", "/compute/v1/instances", StubResponse.json(200, "{\"instances\":[]}")))
				.build();

		@Test
		void first(TestReporter reporter, IamToken token) {
			reporter.publishEntry("port", Integer.toString(cloud.server().port()));
			assertThat(Fixtures.get(cloud.baseUrl(), "/compute/v1/instances", token.authorization())).isEqualTo(200);
		}

		@Test
		void second(TestReporter reporter, FakeYandexCloud injected) {
			reporter.publishEntry("port", Integer.toString(cloud.server().port()));
			assertThat(injected).isSameAs(cloud.server());
		}
	}

	static class InstanceFieldTestCase {
		@RegisterExtension
		FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().build();

		@Test
		void first(TestReporter reporter, FakeYandexCloud injected) {
			reporter.publishEntry("port", Integer.toString(cloud.server().port()));
			assertThat(injected).isSameAs(cloud.server());
		}

		@Test
		void second(TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.server().port()));
		}
	}

	@WithFakeYandexCloud
	static class OuterTestCase {
		@Test
		void outer(FakeYandexCloud cloud, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.port()));
		}

		@Nested
		class Inner {
			@Test
			void inner(FakeYandexCloud cloud, TestReporter reporter) {
				reporter.publishEntry("port", Integer.toString(cloud.port()));
			}

			@Nested
			class Innermost {
				@Test
				void innermost(FakeYandexCloud cloud, TestReporter reporter) {
					reporter.publishEntry("port", Integer.toString(cloud.port()));
				}
			}
		}
	}

	@WithFakeYandexCloud
	abstract static class BaseTestCase {
		@Test
		void inherited(FakeYandexCloud cloud, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.port()));
		}
	}

	static class FirstSubclassTestCase extends BaseTestCase {
	}

	static class SecondSubclassTestCase extends BaseTestCase {
	}

	@WithFakeYandexCloud
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class PerClassLifecycleTestCase {
		private final FakeYandexCloud fromConstructor;
		private URI fromBeforeAll;

		PerClassLifecycleTestCase(FakeYandexCloud cloud) {
			this.fromConstructor = cloud;
		}

		@BeforeAll
		void before(@FakeCloudUrl URI url) {
			fromBeforeAll = url;
		}

		@Test
		@Order(1)
		void constructorAndBeforeAllSeeTheClassServer(FakeYandexCloud cloud, IamToken token) {
			assertThat(fromConstructor).isSameAs(cloud);
			assertThat(fromBeforeAll).isEqualTo(cloud.baseUrl());
			assertThat(Fixtures.get(fromBeforeAll, "/compute/v1/instances", token.authorization())).isEqualTo(200);
		}
	}

	@WithFakeYandexCloud(shared = true)
	static class SharedOneTestCase {
		@Test
		void one(FakeYandexCloud cloud, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.port()));
		}
	}

	@WithFakeYandexCloud(shared = true)
	static class SharedTwoTestCase {
		@Test
		void two(FakeYandexCloud cloud, TestReporter reporter) {
			reporter.publishEntry("port", Integer.toString(cloud.port()));
		}
	}

	@WithFakeYandexCloud(catalog = "extra-catalog.json")
	static class CatalogTestCase {
		@Test
		void addedServiceIsThere(@FakeCloudUrl URI url, @dev.fakeyc.junit.Scoped("yc.serverless.functions.invoke") dev.fakeyc.server.ApiKey key) {
			assertThat(Fixtures.post(url, "/test-gateway/v1/run", key.authorization())).isEqualTo(200);
		}
	}

	private static List<String> ports(EngineExecutionResults results) {
		results.testEvents().assertStatistics(s -> s.failed(0));
		return Engine.reported(results, "port");
	}

	@Test
	void annotationGivesOneServerPerClass() {
		List<String> ports = ports(Engine.run(PerClassTestCase.class));

		assertThat(ports).hasSize(2).containsOnly(ports.get(0));
	}

	@Test
	void staticFieldGivesOneServerPerClassConfiguredByTheBuilder() {
		List<String> ports = ports(Engine.run(StaticFieldTestCase.class));

		assertThat(ports).hasSize(2).containsOnly(ports.get(0));
	}

	@Test
	void instanceFieldGivesOneServerPerTest() {
		List<String> ports = ports(Engine.run(InstanceFieldTestCase.class));

		assertThat(ports).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void nestedClassesReuseTheOuterServer() {
		List<String> ports = ports(Engine.run(OuterTestCase.class));

		assertThat(ports).hasSize(3).containsOnly(ports.get(0));
	}

	@Test
	void subclassesOfAnAnnotatedBaseGetAServerEach() {
		List<String> ports = ports(Engine.run(FirstSubclassTestCase.class, SecondSubclassTestCase.class));

		assertThat(ports).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void perClassLifecycleInjectsConstructorsAndNonStaticBeforeAll() {
		Engine.run(PerClassLifecycleTestCase.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
	}

	@Test
	void sharedServerServesEveryClassOfTheRun() {
		List<String> ports = ports(Engine.run(SharedOneTestCase.class, SharedTwoTestCase.class));

		assertThat(ports).hasSize(2).containsOnly(ports.get(0));
	}

	@Test
	void catalogResourceAddsServices() {
		Engine.run(CatalogTestCase.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
	}
}
