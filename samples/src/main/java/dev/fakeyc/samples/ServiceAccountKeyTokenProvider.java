package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * IAM tokens for a service account from its authorized key file ({@code yc iam key create --output
 * key.json}): signs a PS256 JWT with the JDK and exchanges it at {@code POST /iam/v1/tokens}.
 */
public final class ServiceAccountKeyTokenProvider extends IamTokenProvider {
	static final String AUDIENCE = "https://iam.api.cloud.yandex.net/iam/v1/tokens";

	private final HttpClient http = HttpClient.newHttpClient();
	private final URI iamBaseUrl;
	private final String keyId;
	private final String serviceAccountId;
	private final PrivateKey privateKey;

	/**
	 * @param iamBaseUrl   {@code https://iam.api.cloud.yandex.net}, or the fake's base URL
	 * @param keyFileJson  the key file's content
	 */
	public ServiceAccountKeyTokenProvider(URI iamBaseUrl, String keyFileJson, Clock clock) {
		super(clock);
		JsonNode key = json(keyFileJson);
		this.iamBaseUrl = iamBaseUrl;
		this.keyId = key.path("id").asText();
		this.serviceAccountId = key.path("service_account_id").asText();
		this.privateKey = privateKey(key.path("private_key").asText());
	}

	@Override
	protected Token fetch() {
		String body = RestClient.toJson(Map.of("jwt", jwt(clock().instant())));
		HttpRequest request = HttpRequest.newBuilder(iamBaseUrl.resolve("/iam/v1/tokens")).timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
		JsonNode answer = json(send(http, request).body());
		return new Token(answer.path("iamToken").asText(), Instant.parse(answer.path("expiresAt").asText()));
	}

	String jwt(Instant now) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = RestClient.toJson(Map.of("typ", "JWT", "alg", "PS256", "kid", keyId));
		String payload = RestClient.toJson(Map.of("iss", serviceAccountId, "aud", AUDIENCE,
				"iat", now.getEpochSecond(), "exp", now.plus(Duration.ofHours(1)).getEpochSecond()));
		String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signature = Signature.getInstance("RSASSA-PSS");
			signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
			signature.initSign(privateKey);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + b64.encodeToString(signature.sign());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot sign the JWT", e);
		}
	}

	/** Reads the PKCS#8 PEM, skipping the "PLEASE DO NOT REMOVE THIS LINE!" line the CLI writes before it. */
	static PrivateKey privateKey(String pem) {
		int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < 0) {
			throw new IllegalArgumentException("the key file's private_key holds no PKCS#8 PEM block");
		}
		String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		} catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("the key file's private key is not an RSA key", e);
		}
	}
}
