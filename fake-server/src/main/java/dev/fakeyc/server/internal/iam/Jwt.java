package dev.fakeyc.server.internal.iam;

import dev.fakeyc.server.internal.answer.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/**
 * A compact-serialized JWT, split and decoded, and its PS256 signature checked with the JDK's own
 * RSASSA-PSS (SHA-256, MGF1 with SHA-256, 32-byte salt): no JWT library.
 */
record Jwt(JsonNode header, JsonNode payload, byte[] signingInput, byte[] signature) {

	/** Thrown for a token that is not a JWT at all. */
	static final class Malformed extends Exception {
		private static final long serialVersionUID = 1L;

		Malformed(String message) {
			super(message);
		}
	}

	static Jwt parse(String token) throws Malformed {
		String[] parts = token.strip().split("\\.", -1);
		if (parts.length != 3) {
			throw new Malformed("a JWT has three dot-separated parts, this has " + parts.length);
		}
		try {
			Base64.Decoder b64 = Base64.getUrlDecoder();
			JsonNode header = JsonBodies.mapper().readTree(b64.decode(parts[0]));
			JsonNode payload = JsonBodies.mapper().readTree(b64.decode(parts[1]));
			if (header == null || !header.isObject() || payload == null || !payload.isObject()) {
				throw new Malformed("the JWT header and payload must be JSON objects");
			}
			return new Jwt(header, payload, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), b64.decode(parts[2]));
		} catch (IllegalArgumentException | java.io.IOException e) {
			throw new Malformed("the JWT parts are not base64url-encoded JSON: " + e.getMessage());
		}
	}

	boolean verifiedBy(PublicKey key) {
		try {
			Signature verifier = Signature.getInstance("RSASSA-PSS");
			verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
			verifier.initVerify(key);
			verifier.update(signingInput);
			return verifier.verify(signature);
		} catch (GeneralSecurityException e) {
			return false;
		}
	}

	String headerText(String field) {
		JsonNode v = header.get(field);
		return v != null && v.isTextual() ? v.textValue() : null;
	}

	String claimText(String field) {
		JsonNode v = payload.get(field);
		return v != null && v.isTextual() ? v.textValue() : null;
	}

	/** The latest NumericDate the fake reads: 9999-12-31T23:59:59Z, in seconds since 1970. */
	static final long MAX_SECONDS = 253_402_300_799L;

	/**
	 * A NumericDate claim in whole seconds (a fraction is dropped), or null when absent, not a
	 * number, or outside 0 … {@link #MAX_SECONDS}: a huge or negative value is no date, and checked
	 * here it cannot overflow the arithmetic that compares claims.
	 */
	Long claimSeconds(String field) {
		JsonNode v = payload.get(field);
		if (v == null || !v.isNumber()) {
			return null;
		}
		double d = v.doubleValue(); // a 5,000-digit number reads as infinity, never as a wrapped long
		if (!(d >= 0 && d <= MAX_SECONDS)) {
			return null;
		}
		return (long) d;
	}
}
