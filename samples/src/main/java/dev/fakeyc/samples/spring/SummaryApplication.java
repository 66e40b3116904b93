package dev.fakeyc.samples.spring;

import dev.fakeyc.samples.Credentials;
import dev.fakeyc.samples.YandexGptClient;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** A small Spring Boot application that calls YandexGPT with an API key from its properties. */
@SpringBootApplication
@EnableConfigurationProperties(YandexCloudProperties.class)
public class SummaryApplication {
	@Bean
	YandexGptClient yandexGptClient(YandexCloudProperties properties) {
		return new YandexGptClient(properties.llmUrl(), Credentials.apiKey(properties.apiKey()), properties.folderId(), false);
	}

	@Bean
	SummaryService summaryService(YandexGptClient gpt) {
		return new SummaryService(gpt);
	}
}
