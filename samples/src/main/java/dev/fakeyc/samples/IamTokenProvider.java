package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gives IAM tokens, fetching a new one before the cached one expires and after a 401. Subclasses
 * say where a token comes from; this class does the caching against a {@link Clock}, so a test can
 * move time instead of waiting hours.
 */
public abstract class IamTokenProvider {
	/** Fetch a new token this long before the cached one expires. */
	public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

	private final Clock clock;
	private Token cached;
	private int fetches;

	/** A token and when it stops working. */
	protected record Token(String value, Instant expiresAt) {
	}

	protected IamTokenProvider(Clock clock) {
		this.clock = clock;
	}

	/** A token good for at least {@link #REFRESH_MARGIN} more. */
	public synchronized String token() {
		if (cached == null || !clock.instant().isBefore(cached.expiresAt().minus(REFRESH_MARGIN))) {
			cached = fetch();
			fetches++;
		}
		return cached.value();
	}

	/** Drops the cached token, e.g. after the cloud answered 401. */
	public synchronized void invalidate() {
		cached = null;
	}

	/** How many tokens were fetched so far. */
	public synchronized int fetchCount() {
		return fetches;
	}

	protected Clock clock() {
		return clock;
	}

	protected abstract Token fetch();

	static HttpResponse<String> send(HttpClient http, HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw YandexCloudException.from(response.statusCode(), response.body(), response.headers().firstValue("x-request-id").orElse(""));
			}
			return response;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static JsonNode json(String text) {
		try {
			return RestClient.JSON.readTree(text);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
