package dev.fakeyc.testcontainers;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, stop and clean-up without Ryuk, and the options that change how a container starts. */
@ExtendWith(LocalImage.class)
class ContainerLifecycleTest {
	private final Http http = new Http();

	@Test
	void stopRemovesTheContainer() {
		FakeYandexCloudContainer cloud = new FakeYandexCloudContainer(LocalImage.IMAGE);
		cloud.start();
		String id = cloud.getContainerId();

		cloud.stop();

		DockerClient docker = DockerClientFactory.instance().client();
		assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(FakeYandexCloudContainer.LABEL)).exec())
				.noneMatch(c -> c.getId().equals(id));
	}

	@Test
	void usingTheControlApiBeforeStartSaysToStartFirst() {
		FakeYandexCloudContainer cloud = new FakeYandexCloudContainer(LocalImage.IMAGE);

		assertThatThrownBy(cloud::journal).isInstanceOf(IllegalStateException.class).hasMessageContaining("call start() first");
	}

	@Test
	void withConfigLoadsTheFileAndTheDemoCloudIsNotStarted() {
		try (FakeYandexCloudContainer cloud = new FakeYandexCloudContainer(LocalImage.IMAGE)
				.withConfig(Path.of(org.testcontainers.utility.MountableFile.forClasspathResource("cloud.json").getResolvedPath()))) {
			cloud.start();

			HttpResponse<String> r = http.post(cloud.getBaseUrl() + "/workflows/v1/execution/start", "Api-Key AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm", "{}");

			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			assertThat(cloud.getLogs()).doesNotContain("Demo cloud");
		}
	}

	@Test
	void aBadConfigFailsTheStartWithTheJarsMessage() {
		try (FakeYandexCloudContainer cloud = new FakeYandexCloudContainer(LocalImage.IMAGE)
				.withConfig("{\"apiKeys\":[{\"id\":\"ajekey1\",\"secret\":\"AQVN1HHJReSrfo9jU3aopsXrJyfq_UHsssT5ICtm\",\"serviceAccountId\":\"ajesa-nobody\"}]}")
				.withStartupAttempts(1)) {
			assertThatThrownBy(cloud::start).isInstanceOf(ContainerLaunchException.class)
					.rootCause().hasMessageContaining("fakeyc exited with code 2 before listening")
					.hasMessageContaining("fakeyc: /etc/fakeyc/cloud.json: $.apiKeys[0]");
		}
	}

	@Test
	void withRemoteControlFalseKeepsTheControlApiClosed() {
		try (FakeYandexCloudContainer cloud = new FakeYandexCloudContainer(LocalImage.IMAGE).withRemoteControl(false)) {
			cloud.start();

			assertThat(http.get(cloud.getBaseUrl() + "/_fakeyc/journal", null).statusCode()).isEqualTo(403);
			assertThatThrownBy(cloud::journal).isInstanceOf(IllegalStateException.class).hasMessageContaining("control API is closed");
		}
	}
}
