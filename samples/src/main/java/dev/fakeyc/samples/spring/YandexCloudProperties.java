package dev.fakeyc.samples.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Where the application finds Yandex Cloud, from {@code application.properties}:
 * {@code yandex.cloud.llm-url}, {@code yandex.cloud.api-key}, {@code yandex.cloud.folder-id}. In
 * production {@code llm-url} is {@code https://llm.api.cloud.yandex.net}; tests point it at the fake.
 */
@ConfigurationProperties("yandex.cloud")
public record YandexCloudProperties(URI llmUrl, String apiKey, String folderId) {
}
