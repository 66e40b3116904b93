package dev.fakeyc.server;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13, kind 2: nothing that came from an Authorization header, a credential field or a config
 * value is echoed whole, whatever its position, length or shape; short values are masked entirely.
 */
class SecretEchoTest {
	private static FakeYandexCloud start() {
		return FakeYandexCloud.builder().controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start();
	}

	/** Everything a test or a person could read about the last request: the answer, the record, the journal endpoint. */
	private static String outputs(FakeYandexCloud cloud, RawHttp.Response answer) {
		RecordedRequest r = cloud.journal().last().orElseThrow();
		String journal = new Http(cloud).get("/_fakeyc/journal").send().body();
		return answer.raw() + "\n" + r + "\n" + r.describe() + "\n" + r.reason() + "\n" + r.headers() + "\n" + journal;
	}

	/** The instance: a token sent without its scheme (the commonest client bug) shows nowhere whole. */
	@Test
	void aTokenWithoutItsSchemeIsMaskedEverywhere() {
		try (FakeYandexCloud cloud = start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			String token = cloud.issueIamToken(sa).value();

			RawHttp.Response r = RawHttp.send(cloud.port(), "GET", "/compute/v1/instances", List.of(Map.entry("Authorization", token)), null);

			assertThat(r.status()).isEqualTo(401);
			String out = outputs(cloud, r);
			assertThat(out).doesNotContain(token).doesNotContain(token.substring(0, 20));
			assertThat(cloud.journal().last().orElseThrow().reason()).contains("Authorization scheme '" + Secret.mask(token) + "' is not recognized");
		}
	}

	/** The instance: a 6-character API key secret's maskedSecret is {@code ****}, not the secret. */
	@Test
	void aShortApiKeySecretIsMaskedEntirely() {
		try (FakeYandexCloud cloud = start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			cloud.credentials().register(new ApiKey("ajeshortkey", Secret.of("s3cr3t"), sa.id(), Set.of(), null));

			HttpResponse<String> r = new Http(cloud).get("/iam/v1/apiKeys/ajeshortkey").auth(cloud.issueIamToken(sa).authorization()).send();

			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(Json.parse(r.body()).path("maskedSecret").asText()).isEqualTo("****");
			assertThat(r.body()).doesNotContain("s3cr3t");
		}
	}

	@Provide
	Arbitrary<String> secrets() {
		// shapes of real credentials and of mistakes: dots, dashes, underscores, base64, very short and very long
		Arbitrary<String> body = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-~+/=")
				.ofMinLength(1).ofMaxLength(300);
		Arbitrary<String> prefix = Arbitraries.of("", "t1.", "AQVN", "y0_", "Bearer", "Api-Key", "eyJ");
		return Combinators.combine(prefix, body).as((p, b) -> p + "Q" + b).filter(s -> s.length() >= 5);
	}

	@Provide
	Arbitrary<String> placements() {
		return Arbitraries.of("%s", "Bearer %s", "Api-Key %s", "%s Bearer", "%s %s", "  %s  ", "OAuth %s", "bearer\t%s", "%s.%s", "Basic %s");
	}

	/** Generated: a secret of any shape, anywhere in the Authorization header, never shows whole in any output. */
	@Property(tries = 60)
	void noPlacementOfASecretEchoesItWhole(@ForAll("secrets") String secret, @ForAll("placements") String placement) {
		try (FakeYandexCloud cloud = start()) {
			String header = placement.replace("%s", secret);

			RawHttp.Response r = RawHttp.send(cloud.port(), "POST", "/foundationModels/v1/completion", List.of(Map.entry("Authorization", header)), "{}");

			assertThat(outputs(cloud, r)).doesNotContain(secret);
		}
	}

	/** Table: a secret in every field of a config document that makes it refused shows nowhere in the message. */
	@Test
	void aRefusedDocumentNeverQuotesAValueWhole() {
		String secret = "AQVNsecretPlacedWhereItDoesNotBelong0001";
		List<String> documents = List.of(
				"{\"iamTokens\":[{\"token\":\"" + secret + "\",\"subjectId\":\"ajenobody\"}]}",
				"{\"oauthTokens\":[{\"token\":\"" + secret + "\",\"subjectId\":\"ajenobody\"}]}",
				"{\"apiKeys\":[{\"id\":\"k\",\"secret\":\"" + secret + "\",\"serviceAccountId\":\"ajenobody\"}]}",
				"{\"serviceAccounts\":[{\"id\":\"" + secret + " with a space\",\"folderId\":\"b1g\"}]}",
				"{\"serviceAccounts\":[{\"id\":\"sa\",\"folderId\":[\"" + secret + "\"]}]}",
				"{\"serviceAccounts\":[{\"id\":\"sa\",\"folderId\":\"b1g\"}],\"apiKeys\":[{\"id\":\"k\",\"secret\":\"s\",\"serviceAccountId\":\"sa\",\"scopes\":[\""
						+ secret + "\"]}]}",
				"{\"serviceAccounts\":[{\"id\":\"sa\",\"folderId\":\"b1g\"}],\"iamTokens\":[{\"token\":\"x\",\"subjectId\":\"sa\",\"expiresAt\":\"" + secret + "\"}]}",
				"{\"iamTokens\":[{\"token\":" + secret + "}]}",
				"{\"iamTokens\":[{\"token\":{\"nested\":\"" + secret + "\"},\"subjectId\":\"s\"}]}",
				"{\"authorizedKeys\":[{\"id\":\"k\",\"serviceAccountId\":\"s\",\"publicKey\":\"" + secret + "\"}]}",
				"{\"services\":[{\"id\":\"" + secret + "\",\"resources\":[],\"errorStyle\":\"" + secret + "\"}]}");
		try (FakeYandexCloud cloud = start()) {
			List<String> messages = new ArrayList<>();
			for (String doc : documents) {
				HttpResponse<String> r = new Http(cloud).post("/_fakeyc/credentials", doc).send();
				assertThat(r.statusCode()).as(doc).isEqualTo(400);
				messages.add(r.body());
				assertThatThrownBy(() -> FakeYandexCloud.create().credentials().declare(doc)).isInstanceOf(IllegalArgumentException.class)
						.satisfies(e -> messages.add(e.getMessage()));
			}
			assertThat(messages).noneMatch(m -> m.contains(secret)).noneMatch(m -> m.contains(secret.substring(0, 12)));
		}
	}

	/** A registered credential's clash message masks it too, for every kind. */
	@Test
	void clashMessagesMaskTheValue() {
		try (FakeYandexCloud cloud = start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			ServiceAccount other = cloud.createServiceAccount();
			UserAccount user = cloud.createUserAccount();
			UserAccount otherUser = cloud.createUserAccount();
			String value = "t1.clashingValueThatMustNotShowWhole0001";
			cloud.credentials().register(new IamToken(Secret.of(value), sa.id(), Instant.now().plusSeconds(600)));
			cloud.credentials().register(new OAuthToken(Secret.of("y0_" + value), user.id(), Instant.now().plusSeconds(600)));
			cloud.credentials().register(new ApiKey("ajekey1", Secret.of("AQVN" + value), sa.id(), Set.of(), null));

			for (Runnable clash : List.<Runnable>of(() -> cloud.credentials().register(new IamToken(Secret.of(value), other.id(), Instant.now().plusSeconds(60))),
					() -> cloud.credentials().register(new OAuthToken(Secret.of("y0_" + value), otherUser.id(), Instant.now().plusSeconds(60))),
					() -> cloud.credentials().register(new ApiKey("ajekey2", Secret.of("AQVN" + value), other.id(), Set.of(), null)))) {
				assertThatThrownBy(clash::run).isInstanceOf(IllegalArgumentException.class)
						.satisfies(e -> assertThat(e.getMessage()).doesNotContain(value).contains("****"));
			}
		}
	}

	@Test
	void theJournalEndpointOutputIsJson() {
		try (FakeYandexCloud cloud = start()) {
			RawHttp.send(cloud.port(), "GET", "/compute/v1/instances", List.of(Map.entry("Authorization", "Bearer abc")), null);
			JsonNode page = Json.parse(new Http(cloud).get("/_fakeyc/journal").send().body());
			assertThat(page.path("requests").get(0).path("headers").path("authorization").get(0).asText()).isEqualTo("Bearer ****");
		}
	}
}
