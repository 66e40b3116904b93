package dev.fakeyc.samples.spring;

// tag::spring[]
import dev.fakeyc.junit.ExclusiveServer;
import dev.fakeyc.junit.FakeCloudLocks;
import dev.fakeyc.junit.FakeYandexCloudExtension;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

// end::spring[]

/** A Spring Boot application pointed at the fake through its properties, as Spring users do. */
// tag::spring[]
@SpringBootTest(classes = SummaryApplication.class)
@ResourceLock(providers = FakeCloudLocks.class) // lets JUnit run @ExclusiveServer tests alone on the fake
class SummaryServiceSpringTest {
	@RegisterExtension
	static FakeYandexCloudExtension cloud = FakeYandexCloudExtension.builder().build();

	@DynamicPropertySource
	static void yandexCloud(DynamicPropertyRegistry properties) {
		FakeYandexCloud fake = cloud.server();
		ServiceAccount sa = fake.createServiceAccount();
		ApiKey key = fake.createApiKey(sa, Set.of(Scopes.LANGUAGE_MODELS_EXECUTE));
		properties.add("yandex.cloud.llm-url", fake::baseUrl);
		properties.add("yandex.cloud.api-key", key::value);
		properties.add("yandex.cloud.folder-id", sa::folderId);
	}

	@Autowired
	SummaryService summaries;

	@Test
	void summarizesThroughTheFake() {
		assertThat(summaries.summarize("A long text about queues.")).isEqualTo("This is a reply from fakeyc.");
	}

	@Test
	@ExclusiveServer // takes the application's key away for a moment: no other test may use the fake meanwhile
	void saysPlainlyWhenTheKeyIsRefused() {
		List<ApiKey> keys = cloud.server().credentials().apiKeys();
		keys.forEach(cloud.server().credentials()::revoke);
		try {
			assertThat(summaries.summarize("anything")).startsWith("summaries are unavailable: the service credentials were refused (Unknown api key");
		} finally {
			keys.forEach(cloud.server().credentials()::register);
		}
	}
}
// end::spring[]
