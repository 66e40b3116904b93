package dev.fakeyc.samples;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * IAM tokens from the VM metadata service, as code running on a Compute VM, in a Cloud Function or a
 * Serverless Container gets them. The address comes from {@code YC_METADATA_ADDR} in the SDKs;
 * here it is a constructor argument.
 */
public final class MetadataTokenProvider extends IamTokenProvider {
	private final HttpClient http = HttpClient.newHttpClient();
	private final URI tokenUrl;

	/** @param metadataAddress {@code host:port}, {@code 169.254.169.254} on a real VM */
	public MetadataTokenProvider(String metadataAddress, Clock clock) {
		super(clock);
		this.tokenUrl = URI.create("http://" + metadataAddress + "/computeMetadata/v1/instance/service-accounts/default/token");
	}

	@Override
	protected Token fetch() {
		HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(5)).header("Metadata-Flavor", "Google").GET().build();
		JsonNode answer = json(send(http, request).body());
		return new Token(answer.path("access_token").asText(), clock().instant().plusSeconds(answer.path("expires_in").asLong()));
	}
}
