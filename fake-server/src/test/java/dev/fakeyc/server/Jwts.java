package dev.fakeyc.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/** Builds service-account JWTs in the tests, signed with the JDK, as a client would. */
final class Jwts {
	static final String AUDIENCE = "https://iam.api.cloud.yandex.net/iam/v1/tokens";

	private Jwts() {
	}

	static String ps256(String headerJson, String payloadJson, PrivateKey key) {
		return sign(headerJson, payloadJson, key, "RSASSA-PSS");
	}

	static String rs256(String headerJson, String payloadJson, PrivateKey key) {
		return sign(headerJson, payloadJson, key, "SHA256withRSA");
	}

	private static String sign(String headerJson, String payloadJson, PrivateKey key, String algorithm) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
		try {
			Signature s = Signature.getInstance(algorithm);
			if (algorithm.equals("RSASSA-PSS")) {
				s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
			}
			s.initSign(key);
			s.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + b64.encodeToString(s.sign());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	static String header(String kid) {
		return "{\"typ\":\"JWT\",\"alg\":\"PS256\",\"kid\":\"" + kid + "\"}";
	}

	static String payload(String iss, Object aud, long iat, long exp) {
		String audJson = aud instanceof String s ? "\"" + s + "\"" : "[\"" + ((String[]) aud)[0] + "\"]";
		return "{\"iss\":\"" + iss + "\",\"aud\":" + audJson + ",\"iat\":" + iat + ",\"exp\":" + exp + "}";
	}
}
