package dev.fakeyc.server.internal.iam;

import org.apiguardian.api.API;

import dev.fakeyc.server.internal.answer.GrpcStatus;
import dev.fakeyc.server.internal.answer.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.OAuthToken;
import dev.fakeyc.server.RecordedRequest;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.StubResponse;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.internal.answer.EndpointAnswer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The credential endpoints clients call before the real call (reference §5): IAM token exchange
 * (OAuth token or service-account JWT), revocation, impersonation, the API key management API,
 * endpoint discovery and the VM metadata token. Each is a responder on a catalog route; the decision
 * (credential needed or not) has already been made when one runs.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class IamEndpoints {
	/** The audience the real IAM expects in service-account JWTs. */
	public static final String AUDIENCE = "https://iam.api.cloud.yandex.net/iam/v1/tokens";
	private static final Duration MAX_JWT_LIFETIME = Duration.ofHours(1);
	/**
	 * Ids the SDKs look up in discovery (reference §6.5): the ones the REST clients use, then every id of the official
	 * Java SDK's {@code ServiceToEndpointMapping} (java-sdk 2.14.0: 116 ids; a missing one fails its {@code create()}).
	 */
	private static final List<String> ENDPOINT_IDS = List.of(
			"iam", "endpoint", "resourcemanager", "resource-manager", "compute", "vpc", "ai-foundation-models", "ai-llm", "ai-assistants",
			"ai-files", "ai-speechkit", "ai-stt", "ai-stt-v3", "ai-translate", "ai-vision", "ai-vision-ocr", "monitoring",
			"serverless-functions", "serverless-containers", "serverless-workflows", "serverless-apigateway", "log-ingestion", "logging",
			"kms", "lockbox", "lockbox-payload", "certificate-manager", "dns", "k8s", "container-registry", "mdb-postgresql", "mdb-mysql",
			"mdb-clickhouse", "operation", "searchapi", "alb", "alert-sink", "apigateway-connections", "application-load-balancer",
			"apploadbalancer", "audittrails", "baas", "backup", "baremetal", "billing", "broker-data", "cdn", "certificate-manager-data",
			"certificate-manager-private-ca", "certificate-manager-private-ca-data", "cic", "cloud-registry", "cloudapps", "cloudbackup",
			"clouddesktops", "cloudrouter", "cloudvideo", "connection-manager", "datacatalog", "dataproc", "dataproc-manager",
			"datasphere", "datatransfer", "fomo-dataset", "fomo-tuning", "gitlab", "iot-broker", "iot-data", "iot-devices", "kms-crypto",
			"kspm", "load-balancer", "loadtesting", "locator", "log-reading", "managed-airflow", "managed-clickhouse",
			"managed-elasticsearch", "managed-greenplum", "managed-kafka", "managed-kubernetes", "managed-metastore", "managed-mongodb",
			"managed-mysql", "managed-opensearch", "managed-postgresql", "managed-redis", "managed-spark", "managed-spqr",
			"managed-trino", "managed-ytsaurus", "marketplace", "marketplace-pim", "marketplace-stacklandlicenseapi", "mdb-mongodb",
			"mdb-opensearch", "mdb-redis", "mdb-spqr", "mdbproxy", "organization-manager", "organizationmanager", "quota-manager",
			"quotamanager", "serialssh", "serverless-eventrouter", "serverless-gateway-connections", "serverless-mcp-gateway",
			"serverless-triggers", "serverlesseventrouter-events", "smart-captcha", "smart-web-security", "storage", "storage-api",
			"video", "ycvc", "ydb");

	private final IamState cloud;
	private final Map<String, KeyInfo> keyInfo = new ConcurrentHashMap<>();
	private volatile ServiceAccount metadataAccount;
	private volatile IamToken metadataToken;
	/** Per account id, the token the exchange endpoints last answered with (bounded by the number of accounts). */
	private final Map<String, IamToken> exchangedTokens = new ConcurrentHashMap<>();

	/** What the management API reports about a key beyond the {@link ApiKey} record. */
	private record KeyInfo(String description, Instant createdAt) {
	}

	/** IAM endpoints over this state. */
	public IamEndpoints(IamState cloud) {
		this.cloud = cloud;
	}

	/** Every route this class answers: method, path, responder. */
	public Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> routes() {
		Map<String, BiFunction<RecordedRequest, String, EndpointAnswer>> routes = new LinkedHashMap<>();
		for (Route route : Route.values()) {
			routes.put(route.key, new Responder(this, route));
		}
		return Collections.unmodifiableMap(routes);
	}

	/**
	 * The routes this class answers, {@code METHOD /path}. One named responder class switches over them: a table of
	 * method references would spin a class per route while the fake builds, on the way to a cold start's first answer.
	 */
	private enum Route {
		CREATE_TOKEN("POST /iam/v1/tokens"), REVOKE("POST /iam/v1/tokens:revoke"), CREATE_FOR_SERVICE_ACCOUNT("POST /iam/v1/tokens:createForServiceAccount"), CREATE_API_KEY(
				"POST /iam/v1/apiKeys"), LIST_API_KEYS("GET /iam/v1/apiKeys"), GET_API_KEY("GET /iam/v1/apiKeys/{apiKeyId}"), DELETE_API_KEY("DELETE /iam/v1/apiKeys/{apiKeyId}"), LIST_SCOPES(
						"GET /iam/v1/apiKeyScopes"), ENDPOINTS("GET /endpoints"), ENDPOINT("GET /endpoints/{id}"), METADATA_TOKEN(
								"GET /computeMetadata/v1/instance/service-accounts/default/token"), EC2_CREDENTIALS("GET /latest/meta-data/iam/security-credentials/default");

		final String key;

		Route(String key) {
			this.key = key;
		}
	}

	/** Answers one route: the request and its body text in, the endpoint's answer out. */
	private static final class Responder implements BiFunction<RecordedRequest, String, EndpointAnswer> {
		private final IamEndpoints iam;
		private final Route route;

		Responder(IamEndpoints iam, Route route) {
			this.iam = iam;
			this.route = route;
		}

		@Override
		public EndpointAnswer apply(RecordedRequest request, String body) {
			return switch (route) {
				case CREATE_TOKEN -> iam.createToken(request, body);
				case REVOKE -> iam.revoke(request, body);
				case CREATE_FOR_SERVICE_ACCOUNT -> iam.createForServiceAccount(request, body);
				case CREATE_API_KEY -> iam.createApiKey(request, body);
				case LIST_API_KEYS -> iam.listApiKeys(request, body);
				case GET_API_KEY -> iam.getApiKey(request, body);
				case DELETE_API_KEY -> iam.deleteApiKey(request, body);
				case LIST_SCOPES -> iam.listScopes(request, body);
				case ENDPOINTS -> iam.endpoints(request, body);
				case ENDPOINT -> iam.endpoint(request, body);
				case METADATA_TOKEN -> iam.metadataToken(request, body);
				case EC2_CREDENTIALS -> iam.ec2Credentials(request, body);
			};
		}
	}

	/**
	 * Every service id discovery answers for, each unique; every one points at the fake.
	 *
	 * @return the ids, in a fixed order
	 */
	public static List<String> endpointIds() {
		return ENDPOINT_IDS;
	}

	/** Serves metadata tokens for this service account; null detaches it (404 from then on). */
	public void attachToMetadata(ServiceAccount account) {
		this.metadataAccount = account;
		this.metadataToken = null;
	}

	// --- IamTokenService ----------------------------------------------------

	private EndpointAnswer createToken(RecordedRequest request, String body) {
		JsonNode json = JsonBodies.object(body);
		if (json == null) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "request body must be a JSON object with yandexPassportOauthToken or jwt");
		}
		boolean oauth = json.hasNonNull("yandexPassportOauthToken");
		boolean jwt = json.hasNonNull("jwt");
		if (!oauth && !jwt) {
			// the real text (reference §9.2, ISSUE GoogleCloudPlatform/terraformer#565): a newline, two spaces, a dash
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "Validation failed:\n  - identity: One of the options must be selected");
		}
		if (oauth && jwt) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "exactly one of yandexPassportOauthToken and jwt must be set");
		}
		return oauth ? exchangeOAuth(request, json.path("yandexPassportOauthToken").asText()) : exchangeJwt(request, json.path("jwt").asText());
	}

	private EndpointAnswer exchangeOAuth(RecordedRequest request, String value) {
		Optional<OAuthToken> token = cloud.findOAuthToken(value);
		if (token.isEmpty() || !cloud.now().isBefore(token.get().expiresAt()) || cloud.account(token.get().subjectId()).isEmpty()) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "OAuth token is invalid or expired");
		}
		if (!cloud.hasAcceptedTerms(token.get().subjectId())) {
			// the real text (reference §9.2, ISSUE yandex-cloud/docs#697)
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(),
					"User has to accept the End User License Agreement and Privacy Policy to get an IAM token");
		}
		return issued(exchanged(cloud.account(token.get().subjectId()).orElseThrow()));
	}

	private EndpointAnswer exchangeJwt(RecordedRequest request, String token) {
		Jwt jwt;
		try {
			jwt = Jwt.parse(token);
		} catch (Jwt.Malformed e) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "Invalid JWT: " + e.getMessage());
		}
		String alg = jwt.headerText("alg");
		if (!"PS256".equals(alg)) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "Unsupported JWT algorithm '" + alg + "': only PS256 is accepted");
		}
		String kid = jwt.headerText("kid");
		if (kid == null || kid.isEmpty()) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "The required field 'kid' is missing from the JWT header");
		}
		String iss = jwt.claimText("iss");
		Optional<Subject> subject = iss == null ? Optional.empty() : cloud.account(iss);
		if (subject.isEmpty() || !(subject.get() instanceof ServiceAccount)) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "Subject '" + iss + "' was not found");
		}
		Optional<AuthorizedKey> key = cloud.findAuthorizedKey(kid);
		if (key.isEmpty() || !key.get().serviceAccountId().equals(iss)) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "Key '" + kid + "' was not found");
		}
		String problem = claimsProblem(jwt, request);
		if (problem != null) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), problem);
		}
		if (!jwt.verifiedBy(key.get().publicKey())) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "Invalid JWT signature");
		}
		return issued(exchanged(subject.get()));
	}

	/** The IAM token an exchange answers with: see {@link #reusedOrIssued}; one remembered per account. */
	private IamToken exchanged(Subject account) {
		return exchangedTokens.compute(account.id(), (id, last) -> reusedOrIssued(last, account));
	}

	/**
	 * {@code last} while it is the account's, still registered and has over an hour left, else a new token. The real
	 * IAM "may return the same token to repeated requests while it is far from expiry" (docs:
	 * iam/concepts/authorization/iam-token.md; reference §2.1), and the metadata service does the same; it also keeps
	 * a client that asks on every call from piling up tokens in the fake.
	 *
	 * @param last the token last given for this purpose, or null
	 */
	private IamToken reusedOrIssued(IamToken last, Subject account) {
		boolean reusable = last != null && last.subjectId().equals(account.id())
				&& Duration.between(cloud.now(), last.expiresAt()).compareTo(Duration.ofHours(1)) >= 0 && cloud.findIamToken(last.value()).isPresent();
		return reusable ? last : cloud.issueIamToken(account);
	}

	/** aud, iat, exp and nbf, as IAM checks them; null when they are fine. */
	private String claimsProblem(Jwt jwt, RecordedRequest request) {
		if (!audienceAccepted(jwt.payload().get("aud"), request)) {
			return "Invalid JWT audience: expected " + AUDIENCE;
		}
		Long iat = jwt.claimSeconds("iat");
		Long exp = jwt.claimSeconds("exp");
		if (iat == null || exp == null) {
			return "The JWT must have the claims 'iat' and 'exp', each a NumericDate: whole seconds since 1970 up to year 9999";
		}
		if (exp - iat > MAX_JWT_LIFETIME.toSeconds()) { // both within 0 … year 9999: no overflow
			return "The JWT lifetime (exp - iat) must not exceed 1 hour";
		}
		long now = cloud.now().getEpochSecond();
		if (now >= exp) {
			return "The JWT has expired";
		}
		Long nbf = jwt.claimSeconds("nbf");
		if (nbf != null && now < nbf) {
			return "The JWT is not valid yet";
		}
		return null;
	}

	/**
	 * The real URL, this fake's own token URL, or the one the Python SDK derives from a custom endpoint
	 * ({@code https://iam.<endpoint>/iam/v1/tokens}); as a string or a one-element array.
	 */
	private static boolean audienceAccepted(JsonNode aud, RecordedRequest request) {
		if (aud != null && aud.isArray() && aud.size() == 1) {
			aud = aud.get(0);
		}
		if (aud == null || !aud.isTextual()) {
			return false;
		}
		String value = aud.textValue();
		String host = request.header("host").orElse("");
		return value.equals(AUDIENCE) || (!host.isEmpty()
				&& (value.equals("http://" + host + "/iam/v1/tokens") || value.equals("https://iam." + host + "/iam/v1/tokens")));
	}

	private EndpointAnswer revoke(RecordedRequest request, String body) {
		JsonNode json = JsonBodies.object(body);
		String value = json == null ? null : json.path("iamToken").asText(null);
		if (value == null || value.isEmpty()) {
			// the real validation format for a missing field (yandex-cloud/docs#71: "Validation failed:\n  - folder_id: Field is
			// required"); the field's name is the request message's (RevokeIamTokenRequest.iam_token): inferred, not seen
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "Validation failed:\n  - iam_token: Field is required");
		}
		Optional<IamToken> token = cloud.findIamToken(value);
		if (token.isEmpty()) {
			return error(request, 401, GrpcStatus.UNAUTHENTICATED.code(), "The token is invalid");
		}
		cloud.revoke(token.get());
		return ok(JsonBodies.mapper().createObjectNode().put("subjectId", token.get().subjectId()));
	}

	private EndpointAnswer createForServiceAccount(RecordedRequest request, String body) {
		JsonNode json = JsonBodies.object(body);
		String id = json == null ? null : json.path("serviceAccountId").asText(null);
		Optional<Subject> sa = id == null ? Optional.empty() : cloud.account(id);
		if (sa.isEmpty() || !(sa.get() instanceof ServiceAccount)) {
			return error(request, 404, GrpcStatus.NOT_FOUND.code(), "Service account " + id + " not found");
		}
		return issued(exchanged(sa.get()));
	}

	private EndpointAnswer issued(IamToken token) {
		return ok(JsonBodies.mapper().createObjectNode().put("iamToken", token.value()).put("expiresAt", DateTimeFormatter.ISO_INSTANT.format(token.expiresAt())));
	}

	// --- ApiKeyService --------------------------------------------------------

	private EndpointAnswer createApiKey(RecordedRequest request, String body) {
		JsonNode json = JsonBodies.object(body);
		if (json == null) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "request body must be a JSON object");
		}
		String owner = json.path("serviceAccountId").asText(request.subjectId());
		Optional<Subject> sa = cloud.account(owner);
		if (sa.isEmpty() || !(sa.get() instanceof ServiceAccount account)) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "API keys belong to service accounts: serviceAccountId '" + owner + "' is not one");
		}
		Set<String> scopes = new TreeSet<>();
		json.path("scopes").forEach(s -> scopes.add(s.asText()));
		if (json.hasNonNull("scope")) {
			scopes.add(json.path("scope").asText());
		}
		Instant expiresAt;
		try {
			expiresAt = json.hasNonNull("expiresAt") ? Instant.parse(json.path("expiresAt").asText()) : null;
		} catch (java.time.format.DateTimeParseException e) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), "expiresAt '" + dev.fakeyc.server.internal.text.Excerpt.of(json.path("expiresAt").asText(), 64)
					+ "' is not an RFC 3339 timestamp");
		}
		ApiKey key;
		try {
			key = cloud.createApiKey(account, scopes, expiresAt);
		} catch (IllegalArgumentException e) {
			return error(request, 400, GrpcStatus.INVALID_ARGUMENT.code(), e.getMessage());
		}
		keyInfo.put(key.id(), new KeyInfo(json.path("description").asText(""), cloud.now()));
		ObjectNode answer = JsonBodies.mapper().createObjectNode();
		answer.set("apiKey", describe(key));
		answer.put("secret", key.value());
		return ok(answer);
	}

	private EndpointAnswer listApiKeys(RecordedRequest request, String body) {
		String owner = queryParameter(request, "serviceAccountId").orElse(request.subjectId());
		ArrayNode list = JsonBodies.mapper().createArrayNode();
		cloud.apiKeys().stream().filter(k -> k.serviceAccountId().equals(owner)).forEach(k -> list.add(describe(k)));
		ObjectNode answer = JsonBodies.mapper().createObjectNode();
		answer.set("apiKeys", list);
		answer.put("nextPageToken", "");
		return ok(answer);
	}

	private EndpointAnswer getApiKey(RecordedRequest request, String body) {
		String id = lastSegment(request);
		return cloud.findApiKey(id).map(k -> ok(describe(k))).orElseGet(() -> error(request, 404, GrpcStatus.NOT_FOUND.code(), "API key " + id + " not found"));
	}

	private EndpointAnswer deleteApiKey(RecordedRequest request, String body) {
		String id = lastSegment(request);
		Optional<ApiKey> key = cloud.findApiKey(id);
		if (key.isEmpty()) {
			return error(request, 404, GrpcStatus.NOT_FOUND.code(), "API key " + id + " not found");
		}
		cloud.revoke(key.get());
		keyInfo.remove(id);
		String now = DateTimeFormatter.ISO_INSTANT.format(cloud.now());
		ObjectNode op = JsonBodies.mapper().createObjectNode().put("id", "aje" + request.requestId().replace("-", "").substring(0, 17)).put("description", "Delete API key")
				.put("createdAt", now).put("createdBy", request.subjectId()).put("modifiedAt", now).put("done", true);
		op.putObject("metadata").put("@type", "type.googleapis.com/yandex.cloud.iam.v1.DeleteApiKeyMetadata").put("apiKeyId", id);
		op.putObject("response").put("@type", "type.googleapis.com/google.protobuf.Empty");
		return ok(op);
	}

	private EndpointAnswer listScopes(RecordedRequest request, String body) {
		ObjectNode answer = JsonBodies.mapper().createObjectNode();
		ArrayNode scopes = answer.putArray("scopes");
		cloud.knownScopes().forEach(scopes::add);
		answer.put("nextPageToken", "");
		return ok(answer);
	}

	private ObjectNode describe(ApiKey key) {
		KeyInfo info = keyInfo.getOrDefault(key.id(), new KeyInfo("", Instant.EPOCH));
		ObjectNode n = JsonBodies.mapper().createObjectNode().put("id", key.id()).put("serviceAccountId", key.serviceAccountId())
				.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(info.createdAt())).put("description", info.description());
		List<String> scopes = List.copyOf(new TreeSet<>(key.scopes()));
		n.put("scope", scopes.get(0));
		ArrayNode list = n.putArray("scopes");
		scopes.forEach(list::add);
		if (key.expiresAt().isPresent()) {
			n.put("expiresAt", DateTimeFormatter.ISO_INSTANT.format(key.expiresAt().get()));
		}
		String secret = key.value();
		n.put("maskedSecret", maskedSecret(secret));
		return n;
	}

	/**
	 * The key-management API's {@code maskedSecret}: {@code ****} and the last 6 characters, as the
	 * cloud shows its 40-character secrets; a secret too short to lose 6 characters safely (under 16)
	 * is {@code ****} alone, so no secret is ever shown whole or nearly so.
	 */
	static String maskedSecret(String secret) {
		return secret.length() < 16 ? "****" : "****" + secret.substring(secret.length() - 6);
	}

	// --- discovery and metadata ----------------------------------------------

	private EndpointAnswer endpoints(RecordedRequest request, String body) {
		String address = selfAddress(request);
		ObjectNode answer = JsonBodies.mapper().createObjectNode();
		ArrayNode list = answer.putArray("endpoints");
		ENDPOINT_IDS.forEach(id -> list.addObject().put("id", id).put("address", address));
		return ok(answer);
	}

	private EndpointAnswer endpoint(RecordedRequest request, String body) {
		String id = lastSegment(request);
		if (!ENDPOINT_IDS.contains(id)) {
			return error(request, 404, GrpcStatus.NOT_FOUND.code(), "Endpoint " + id + " not found");
		}
		return ok(JsonBodies.mapper().createObjectNode().put("id", id).put("address", selfAddress(request)));
	}

	/** Every endpoint is the fake itself, as the client reached it. */
	private String selfAddress(RecordedRequest request) {
		return request.header("host").filter(h -> h.contains(":")).orElseGet(() -> "127.0.0.1:" + cloud.port());
	}

	private EndpointAnswer metadataToken(RecordedRequest request, String body) {
		if (!request.header("metadata-flavor").map("Google"::equals).orElse(false)) {
			return EndpointAnswer.refused(StubResponse.builder().status(403).header("Content-Type", "text/plain").body("Missing Metadata-Flavor:Google header.\n").build(),
					0, "Missing Metadata-Flavor:Google header.\n");
		}
		ServiceAccount account = metadataAccount;
		if (account == null || cloud.account(account.id()).isEmpty()) {
			return EndpointAnswer.refused(StubResponse.builder().status(404).header("Content-Type", "text/plain")
					.body("no service account is attached to this instance\n").build(), 0, "no service account is attached to this instance\n");
		}
		IamToken token = reusedOrIssued(metadataToken, account);
		metadataToken = token;
		Instant now = cloud.now();
		return ok(JsonBodies.mapper().createObjectNode().put("access_token", token.value())
				.put("expires_in", Duration.between(now, token.expiresAt()).toSeconds()).put("token_type", "Bearer"));
	}

	/**
	 * The EC2-compatible (IMDSv1) credentials path: Yandex VMs refuse it with {@code Token is disabled for <VM-ID>}
	 * (reference §9.4; ISSUE VictoriaMetrics/VictoriaMetrics#5513). The status is not in the thread: 403 is chosen.
	 */
	private EndpointAnswer ec2Credentials(RecordedRequest request, String body) {
		String message = "Token is disabled for " + cloud.instanceId();
		return EndpointAnswer.refused(StubResponse.builder().status(403).header("Content-Type", "text/plain").body(message).build(), 0, message);
	}

	// --- helpers ----------------------------------------------------------------

	private static Optional<String> queryParameter(RecordedRequest request, String name) {
		for (String pair : request.query().split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return Optional.empty();
	}

	private static String lastSegment(RecordedRequest request) {
		String path = request.path();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static EndpointAnswer ok(JsonNode body) {
		return EndpointAnswer.ok(StubResponse.json(200, body.toString()));
	}

	private static EndpointAnswer error(RecordedRequest request, int status, int code, String message) {
		// typed for the journal (code, message), written once for the wire
		return EndpointAnswer.refusedInStandardStyle(request.requestId(), status, code, message);
	}
}
