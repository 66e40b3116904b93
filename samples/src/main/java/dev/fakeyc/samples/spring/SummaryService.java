package dev.fakeyc.samples.spring;

import dev.fakeyc.samples.YandexCloudException;
import dev.fakeyc.samples.YandexGptClient;

/** The application's own logic: summarizes text with YandexGPT, and says plainly when the cloud refuses. */
public class SummaryService {
	private final YandexGptClient gpt;

	public SummaryService(YandexGptClient gpt) {
		this.gpt = gpt;
	}

	/** A one-line summary, or a message for the user when the credentials are refused. */
	public String summarize(String text) {
		try {
			return gpt.complete("Summarize in one line: " + text);
		} catch (YandexCloudException e) {
			if (e.isUnauthenticated()) {
				return "summaries are unavailable: the service credentials were refused (" + e.cloudMessage() + ")";
			}
			throw e;
		}
	}
}
