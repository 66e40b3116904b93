package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.FakeYandexCloud;
import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FakeYandexCloud#trustGrpcCertificates()} switches the JVM's trust with one property: the store it names
 * loads under the JVM's default keystore type without a password (as a default {@link TrustManagerFactory} on another
 * thread reads it between two property writes), holding the fake's certificate and the JDK's own trust anchors.
 */
class JvmWideTrustTest {
	@Test
	void theNamedStoreLoadsWithoutAPasswordUnderTheDefaultTypeAndKeepsTheDefaultAnchors() throws Exception {
		FakeYandexCloud.trustGrpcCertificates();
		X509Certificate fake;
		try (FakeYandexCloud cloud = FakeYandexCloud.builder().grpc(0).build().start()) {
			fake = (X509Certificate) CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(cloud.grpcCertificatePem().getBytes(StandardCharsets.US_ASCII)));
		}

		KeyStore named = KeyStore.getInstance(KeyStore.getDefaultType());
		try (InputStream in = Files.newInputStream(Paths.get(System.getProperty("javax.net.ssl.trustStore")))) {
			named.load(in, null);
		}
		KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
		try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
			jdk.load(in, null);
		}

		assertThat(named.getCertificateAlias(fake)).isNotNull();
		assertThat(named.size()).isGreaterThan(jdk.size());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init((KeyStore) null);
		X509Certificate[] issuers = ((X509TrustManager) trust.getTrustManagers()[0]).getAcceptedIssuers();
		assertThat(Arrays.asList(issuers)).contains(fake).hasSizeGreaterThan(jdk.size());
	}
	@Test
	void fakesStartingWhileTrustIsInstalledLeaveEveryDefaultTrustManagerTrustingTheFake() throws Exception {
		// in fresh JVMs: three threads start gRPC fakes and install the trust at once; before the fix about half of such
		// JVMs had a thread whose default TrustManagerFactory, right after the install returned, held the JDK's old
		// anchors under the new store's key (the SDK's first handshake then failed: PKIX path building failed)
		String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> lines = new java.util.ArrayList<>();
		for (int jvm = 0; jvm < 4; jvm++) {
			Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), ConcurrentTrustMain.class.getName(), "3")
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // a dozen short lines: the pipe never fills
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(p.exitValue()).as(out).isZero();
			lines.addAll(out.lines().toList());
		}

		assertThat(lines).hasSize(12).containsOnly("trusted");
	}
}
