package dev.fakeyc.testcontainers;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.Outcome;
import dev.fakeyc.server.Scopes;
import dev.fakeyc.server.Secret;
import dev.fakeyc.server.ServiceAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A Spring Boot application's endpoint and key properties pointed at the container with {@code @DynamicPropertySource}. */
@ExtendWith(LocalImage.class)
@Testcontainers
@SpringBootTest(classes = SpringBootContainerTest.WorkflowsConfiguration.class)
class SpringBootContainerTest {
	// tag::spring[]
	static final ServiceAccount ACCOUNT = new ServiceAccount("ajesa0000000000000007", "b1gfolder00000000007");
	static final ApiKey KEY = new ApiKey("ajekey00000000000007", Secret.of("AQVN7HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICt7"),
			ACCOUNT.id(), Set.of(Scopes.WORKFLOWS_EXECUTE), null);

	@Container
	static final FakeYandexCloudContainer CLOUD = new FakeYandexCloudContainer().withCredentials(ACCOUNT, KEY);

	@DynamicPropertySource
	static void yandexCloud(DynamicPropertyRegistry registry) {
		registry.add("yandex.cloud.endpoint", CLOUD::getBaseUrl);
		registry.add("yandex.cloud.api-key", KEY::value);
	}
	// end::spring[]

	@Autowired
	WorkflowsStarter workflows;

	@Test
	void theApplicationCallsTheFakeWithItsConfiguredKey() {
		int status = workflows.start("dfq00000000000000000");

		assertThat(status).isEqualTo(200);
		assertThat(CLOUD.journal()).anySatisfy(r -> {
			assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
			assertThat(r.subjectId()).isEqualTo(ACCOUNT.id());
		});
	}

	/** The application's side: a client configured by properties, as a real one would be. */
	@Configuration(proxyBeanMethods = false)
	static class WorkflowsConfiguration {
		@Bean
		WorkflowsStarter workflowsStarter(@Value("${yandex.cloud.endpoint}") String endpoint, @Value("${yandex.cloud.api-key}") String apiKey) {
			return new WorkflowsStarter(endpoint, apiKey);
		}
	}

	/** Starts a Serverless Workflows execution with an API key. */
	record WorkflowsStarter(String endpoint, String apiKey) {
		int start(String workflowId) {
			HttpResponse<String> r = new Http().post(endpoint + "/workflows/v1/execution/start", "Api-Key " + apiKey,
					"{\"workflowId\":\"" + workflowId + "\"}");
			return r.statusCode();
		}
	}
}
