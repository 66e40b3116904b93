package dev.fakeyc.server;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13, kinds 3 and 6: each change of the credential set is one atomic swap (reset, a declared
 * config's reload, a control-API document), a reload changes exactly what the document declares, a
 * refused document changes nothing, and one set of invariants holds for every kind of credential.
 */
class AtomicCredentialsTest {
	private static final String TOKEN = "t1.declaredTokenThatMustKeepWorking0000001";
	private static final String KEY = "AQVNdeclaredKeySecretThatMustKeepWorking01";
	private static final String DOC = """
			{ "serviceAccounts": [ { "id": "ajesa1", "folderId": "b1gfolder1" } ],
			  "iamTokens": [ { "token": "%s", "subjectId": "ajesa1" } ],
			  "apiKeys": [ { "id": "ajekey1", "secret": "%s", "serviceAccountId": "ajesa1", "scopes": ["yc.ai.foundationModels.execute"] } ]%s }
			""";

	private static String doc(String extra) {
		return DOC.formatted(TOKEN, KEY, extra);
	}

	private static FakeYandexCloud start() {
		return FakeYandexCloud.builder().controlApi(FakeYandexCloud.ControlApi.LOOPBACK_ONLY).build().start();
	}

	/** Sends the declared token and key in a loop from several threads while {@code change} runs; counts every answer that is not 200. */
	private static long wrongDecisionsWhile(FakeYandexCloud cloud, int changes, Runnable change) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong wrong = new AtomicLong();
		AtomicLong sent = new AtomicLong();
		Map<String, Integer> seen = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> load = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			boolean useKey = t == 2;
			load.add(pool.submit(() -> {
				HttpRequest request = useKey
						? HttpRequest.newBuilder(cloud.url("/foundationModels/v1/completion")).header("Authorization", "Api-Key " + KEY)
								.POST(HttpRequest.BodyPublishers.ofString("{\"modelUri\":\"gpt://b1gfolder1/yandexgpt\"}")).build()
						: HttpRequest.newBuilder(cloud.url("/compute/v1/instances")).header("Authorization", "Bearer " + TOKEN).build();
				while (running.get()) {
					HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
					sent.incrementAndGet();
					if (r.statusCode() != 200) {
						wrong.incrementAndGet();
						seen.merge(r.statusCode() + " " + r.body(), 1, Integer::sum);
					}
				}
				return null;
			}));
		}
		for (int i = 0; i < changes; i++) {
			change.run();
		}
		running.set(false);
		for (Future<?> f : load) {
			f.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();
		assertThat(sent.get()).as("requests sent during the changes").isGreaterThan(50);
		assertThat(seen).as("wrong answers").isEmpty();
		return wrong.get();
	}

	/** The instance: POST /_fakeyc/reset under load never refuses the declared token or key. */
	@Test
	void resetUnderLoadMakesNoWrongDecision() throws Exception {
		try (FakeYandexCloud cloud = start()) {
			cloud.credentials().declare(doc(""));
			Http http = new Http(cloud);

			long wrong = wrongDecisionsWhile(cloud, 300, () -> assertThat(http.post("/_fakeyc/reset", "").send().statusCode()).isEqualTo(200));

			assertThat(wrong).isZero();
		}
	}

	/** The instance: re-declaring the unchanged (or an unrelatedly edited) document under load never refuses the declared token or key. */
	@Test
	void reloadUnderLoadMakesNoWrongDecision() throws Exception {
		try (FakeYandexCloud cloud = start()) {
			cloud.credentials().declare(doc(""));
			AtomicInteger n = new AtomicInteger();
			String other = ", \"userAccounts\": [ { \"id\": \"ajeuser%d\" } ]";

			long wrong = wrongDecisionsWhile(cloud, 300, () -> cloud.credentials().declare(doc(n.incrementAndGet() % 2 == 0 ? "" : other.formatted(n.get()))));

			assertThat(wrong).isZero();
		}
	}

	/** Control-API documents racing resets and reloads are each accepted whole: no 400 for a valid document. */
	@Test
	void documentsRacingResetsAreAllAccepted() throws Exception {
		try (FakeYandexCloud cloud = start()) {
			cloud.credentials().declare(doc(""));
			Http http = new Http(cloud);
			AtomicInteger n = new AtomicInteger();
			AtomicLong refused = new AtomicLong();
			ExecutorService pool = Executors.newFixedThreadPool(2);
			Future<?> resets = pool.submit(() -> {
				for (int i = 0; i < 100; i++) {
					http.post("/_fakeyc/reset", "").send();
					cloud.credentials().declare(doc(""));
				}
			});
			Future<?> documents = pool.submit(() -> {
				for (int i = 0; i < 200; i++) {
					int id = n.incrementAndGet();
					String d = "{\"serviceAccounts\":[{\"id\":\"ajerun" + id + "\",\"folderId\":\"b1g\"}],\"iamTokens\":[{\"token\":\"t1.run" + id
							+ "\",\"subjectId\":\"ajerun" + id + "\"}]}";
					if (http.post("/_fakeyc/credentials", d).send().statusCode() != 200) {
						refused.incrementAndGet();
					}
				}
			});
			resets.get(60, TimeUnit.SECONDS);
			documents.get(60, TimeUnit.SECONDS);
			pool.shutdown();

			assertThat(refused.get()).isZero();
		}
	}

	/** A reload changes exactly what the document declares: credentials added at runtime survive an unrelated edit. */
	@Test
	void runtimeCredentialsSurviveAnUnrelatedReload() {
		try (FakeYandexCloud cloud = start()) {
			cloud.credentials().declare(doc(""));
			ServiceAccount declared = (ServiceAccount) cloud.credentials().account("ajesa1").orElseThrow();
			IamToken issued = cloud.issueIamToken(declared);
			ServiceAccount runtime = cloud.createServiceAccount();
			ApiKey runtimeKey = cloud.createApiKey(runtime);
			new Http(cloud).post("/_fakeyc/credentials", "{\"userAccounts\":[{\"id\":\"ajeviacontrol\"}]}").send();

			cloud.credentials().declare(doc(", \"userAccounts\": [ { \"id\": \"ajenewuser\" } ]"));

			assertThat(cloud.credentials().findIamToken(issued.value())).contains(issued);
			assertThat(cloud.credentials().findApiKey(runtimeKey.id())).contains(runtimeKey);
			assertThat(cloud.credentials().account("ajeviacontrol")).isPresent();
			assertThat(cloud.credentials().account("ajenewuser")).isPresent();
			assertThat(new Http(cloud).get("/compute/v1/instances").auth(issued.authorization()).send().statusCode()).isEqualTo(200);

			cloud.credentials().declare("{}"); // the file no longer declares its account: it goes, with the credentials it holds

			assertThat(cloud.credentials().account("ajesa1")).isEmpty();
			assertThat(cloud.credentials().findIamToken(issued.value())).isEmpty();
			assertThat(cloud.credentials().findApiKey(runtimeKey.id())).contains(runtimeKey);
		}
	}

	/** Reset comes back to exactly what was declared: runtime credentials, stubs, journal and the metadata attachment go. */
	@Test
	void resetComesBackToTheDeclaredSet() {
		try (FakeYandexCloud cloud = start()) {
			cloud.credentials().declare(doc(""));
			ServiceAccount runtime = cloud.createServiceAccount();
			cloud.credentials().attachToMetadata(runtime);
			Http http = new Http(cloud);

			assertThat(http.post("/_fakeyc/reset", "").send().statusCode()).isEqualTo(200);

			assertThat(cloud.credentials().account(runtime.id())).isEmpty();
			assertThat(cloud.credentials().findIamToken(TOKEN)).isPresent();
			assertThat(http.get("/computeMetadata/v1/instance/service-accounts/default/token").header("Metadata-Flavor", "Google").send().statusCode())
					.isEqualTo(404);
		}
	}

	/** Table: a document that clashes on any one kind of credential is refused whole; its new account and token do not appear. */
	@Test
	void aRefusedDocumentChangesNothingWhateverKindClashes() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----";
		String otherPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----";
		String base = """
				{ "serviceAccounts": [ { "id": "ajesa1", "folderId": "b1gfolder1" } ], "userAccounts": [ { "id": "ajeuser1" } ],
				  "iamTokens": [ { "token": "t1.registered", "subjectId": "ajesa1" } ],
				  "apiKeys": [ { "id": "ajekey1", "secret": "AQVNregistered", "serviceAccountId": "ajesa1" } ],
				  "oauthTokens": [ { "token": "y0_registered", "subjectId": "ajeuser1" } ],
				  "authorizedKeys": [ { "id": "ajeauth1", "serviceAccountId": "ajesa1", "publicKey": "%s" } ] }
				""".formatted(pem.replace("\n", "\\n"));
		String fresh = "\"serviceAccounts\": [ { \"id\": \"ajefresh\", \"folderId\": \"b1gfresh\" }, %s ], \"iamTokens\": [ { \"token\": \"t1.fresh\", \"subjectId\": \"ajefresh\" } ]";
		Map<String, String> clashes = Map.of(
				"account", "{" + fresh.formatted("{ \"id\": \"ajesa1\", \"folderId\": \"b1gOTHER\" }") + "}",
				"IAM token", "{" + fresh.formatted("{ \"id\": \"ajefresh2\", \"folderId\": \"b1g\" }").replace("]", ", { \"token\": \"t1.registered\", \"subjectId\": \"ajefresh\" } ]") + "}",
				"API key id",
				"{" + fresh.formatted("{ \"id\": \"ajefresh2\", \"folderId\": \"b1g\" }") + ", \"apiKeys\": [ { \"id\": \"ajekey1\", \"secret\": \"AQVNnew\", \"serviceAccountId\": \"ajefresh\" } ] }",
				"API key secret",
				"{" + fresh.formatted("{ \"id\": \"ajefresh2\", \"folderId\": \"b1g\" }")
						+ ", \"apiKeys\": [ { \"id\": \"ajekeyNEW\", \"secret\": \"AQVNregistered\", \"serviceAccountId\": \"ajefresh\" } ] }",
				"OAuth token",
				"{" + fresh.formatted("{ \"id\": \"ajefresh2\", \"folderId\": \"b1g\" }")
						+ ", \"userAccounts\": [ { \"id\": \"ajeuser2\" } ], \"oauthTokens\": [ { \"token\": \"y0_registered\", \"subjectId\": \"ajeuser2\" } ] }",
				"authorized key",
				"{" + fresh.formatted("{ \"id\": \"ajefresh2\", \"folderId\": \"b1g\" }") + ", \"authorizedKeys\": [ { \"id\": \"ajeauth1\", \"serviceAccountId\": \"ajefresh\", \"publicKey\": \""
						+ otherPem.replace("\n", "\\n") + "\" } ] }");
		for (Map.Entry<String, String> clash : clashes.entrySet()) {
			try (FakeYandexCloud cloud = start()) {
				cloud.credentials().addCredentials(base);
				HttpResponse<String> r = new Http(cloud).post("/_fakeyc/credentials", clash.getValue()).send();

				assertThat(r.statusCode()).as(clash.getKey()).isEqualTo(400);
				assertThat(cloud.credentials().account("ajefresh")).as(clash.getKey()).isEmpty();
				assertThat(cloud.credentials().account("ajefresh2")).as(clash.getKey()).isEmpty();
				assertThat(cloud.credentials().findIamToken("t1.fresh")).as(clash.getKey()).isEmpty();
				assertThatThrownBy(() -> cloud.credentials().declare(clash.getValue())).as(clash.getKey()).isInstanceOf(IllegalArgumentException.class);
				assertThat(cloud.credentials().account("ajefresh")).as(clash.getKey()).isEmpty();
			}
		}
	}

	/** The instance: a second OAuth token with an existing value is refused, like every other kind. */
	@Test
	void aSecondOAuthTokenWithTheSameValueIsRefused() {
		try (FakeYandexCloud cloud = start()) {
			UserAccount a = cloud.createUserAccount();
			UserAccount b = cloud.createUserAccount();
			OAuthToken first = cloud.credentials().register(new OAuthToken(Secret.of("y0_sameValueForTwoUsers000001"), a.id(), java.time.Instant.now().plusSeconds(600)));

			assertThatThrownBy(() -> cloud.credentials().register(new OAuthToken(Secret.of("y0_sameValueForTwoUsers000001"), b.id(), java.time.Instant.now().plusSeconds(600))))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is already registered for subject " + a.id());
			// the first stays registered for its user: it is exchanged for that user's IAM token (findOAuthToken left the
			// facade in issue 14; this checks the same through the token's one use)
			HttpResponse<String> exchanged = new Http(cloud).post("/iam/v1/tokens", "{\"yandexPassportOauthToken\":\"" + first.value() + "\"}").send();
			assertThat(exchanged.statusCode()).isEqualTo(200);
			assertThat(cloud.credentials().findIamToken(Json.body(exchanged).path("iamToken").asText())).get().extracting(IamToken::subjectId).isEqualTo(a.id());
			assertThat(cloud.credentials().register(first)).isEqualTo(first); // the same one again changes nothing
		}
	}

	/** The instance: revoking a stale key object whose secret was given to another key since leaves that other key working. */
	@Test
	void revokingAStaleKeyLeavesTheKeyThatNowHasItsSecret() {
		try (FakeYandexCloud cloud = start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			ApiKey stale = cloud.credentials().register(new ApiKey("ajestale", Secret.of("AQVNsharedSecretValue000000000000000001"), sa.id(), Set.of(), null));
			cloud.credentials().revoke(stale);
			ApiKey current = cloud.credentials().register(new ApiKey("ajecurrent", Secret.of("AQVNsharedSecretValue000000000000000001"), sa.id(), Set.of(), null));

			assertThat(cloud.credentials().revoke(stale)).isFalse();

			assertThat(cloud.credentials().apiKeys()).contains(current);
			HttpResponse<String> r = new Http(cloud).post("/foundationModels/v1/completion", "{\"modelUri\":\"gpt://" + sa.folderId() + "/yandexgpt\"}")
					.auth(current.authorization()).send();
			assertThat(r.statusCode()).isEqualTo(200);
		}
	}

	/** The instance: the metadata attachment detaches through the control API with null; missing or wrong-typed ids get 400. */
	@Test
	void theMetadataAttachmentDetachesWithNull() {
		try (FakeYandexCloud cloud = start()) {
			ServiceAccount sa = cloud.createServiceAccount();
			Http http = new Http(cloud);
			IntSupplier metadata = () -> http.get("/computeMetadata/v1/instance/service-accounts/default/token").header("Metadata-Flavor", "Google").send()
					.statusCode();
			assertThat(put(cloud, "{\"serviceAccountId\":\"" + sa.id() + "\"}").statusCode()).isEqualTo(200);
			assertThat(metadata.getAsInt()).isEqualTo(200);

			HttpResponse<String> detached = put(cloud, "{\"serviceAccountId\":null}");

			assertThat(detached.statusCode()).isEqualTo(200);
			assertThat(detached.body()).contains("detached");
			assertThat(metadata.getAsInt()).isEqualTo(404);
			for (String bad : List.of("{}", "{\"serviceAccountId\":5}", "[]", "not json", "{\"serviceAccountId\":\"ajenobody\"}")) {
				assertThat(put(cloud, bad).statusCode()).as(bad).isEqualTo(400);
			}
		}
	}

	/** Generated: any interleaving of adds, revokes and deletes of every kind keeps the invariants (value and id unique, owner present). */
	@Property(tries = 40)
	void invariantsHoldForAnySequenceOfChanges(@ForAll @IntRange(min = 1, max = 60) int steps, @ForAll long seed) {
		java.util.Random random = new java.util.Random(seed);
		FakeYandexCloud cloud = FakeYandexCloud.create();
		List<ServiceAccount> accounts = new ArrayList<>();
		List<ApiKey> keys = new ArrayList<>();
		List<IamToken> tokens = new ArrayList<>();
		for (int i = 0; i < steps; i++) {
			String value = "v" + random.nextInt(4); // few values: clashes are common
			try {
				switch (random.nextInt(6)) {
					case 0 -> accounts.add(cloud.credentials().register(new ServiceAccount("ajesa" + random.nextInt(3), "b1g" + random.nextInt(2))));
					case 1 -> {
						if (!accounts.isEmpty()) {
							keys.add(cloud.credentials().register(new ApiKey("ajek" + random.nextInt(4), Secret.of("AQVN" + value), accounts.get(random.nextInt(accounts.size())).id(),
									Set.of(), null)));
						}
					}
					case 2 -> {
						if (!accounts.isEmpty()) {
							tokens.add(cloud.credentials().register(new IamToken(Secret.of("t1." + value), accounts.get(random.nextInt(accounts.size())).id(),
									java.time.Instant.now().plusSeconds(600))));
						}
					}
					case 3 -> {
						if (!keys.isEmpty()) {
							cloud.credentials().revoke(keys.get(random.nextInt(keys.size())));
						}
					}
					case 4 -> {
						if (!tokens.isEmpty()) {
							cloud.credentials().revoke(tokens.get(random.nextInt(tokens.size())));
						}
					}
					default -> {
						if (!accounts.isEmpty()) {
							cloud.credentials().delete(accounts.get(random.nextInt(accounts.size())));
						}
					}
				}
			} catch (IllegalArgumentException refused) {
				// a clash or a missing owner: refused whole, checked below
			}
			for (ApiKey k : cloud.credentials().apiKeys()) {
				assertThat(cloud.credentials().account(k.serviceAccountId())).as("owner of " + k.id()).isPresent();
				assertThat(cloud.credentials().findApiKey(k.id())).contains(k);
			}
			for (ApiKey k : keys) {
				// a key is listed by id exactly when its secret finds it
				boolean listed = cloud.credentials().findApiKey(k.id()).filter(k::equals).isPresent();
				boolean bySecret = cloud.credentials().apiKeys().stream().anyMatch(x -> x.equals(k));
				assertThat(listed).isEqualTo(bySecret);
			}
			for (IamToken t : tokens) {
				cloud.credentials().findIamToken(t.value()).ifPresent(found -> assertThat(cloud.credentials().account(found.subjectId())).isPresent());
			}
		}
	}

	private static HttpResponse<String> put(FakeYandexCloud cloud, String body) {
		try {
			return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/_fakeyc/metadata"))
					.PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
