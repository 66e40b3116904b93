package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.FakeYandexCloud;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run in a JVM of its own by {@link JvmWideTrustTest} (the trust is installed once per JVM): {@code THREADS} threads
 * each start a fake with the gRPC front and call {@link FakeYandexCloud#trustGrpcCertificates()} at the same moment,
 * as parallel test classes do, then ask a default {@link TrustManagerFactory} — what grpc-netty and the SDKs use —
 * whether it trusts the fake's certificate. Prints one line per thread: {@code trusted} or {@code NOT TRUSTED (n
 * anchors)}.
 */
public final class ConcurrentTrustMain {
	private ConcurrentTrustMain() {
	}

	/**
	 * @param args the number of threads
	 * @throws Exception when a fake cannot start
	 */
	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[0]);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<String>> answers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			answers.add(pool.submit(() -> {
				go.await();
				try (FakeYandexCloud cloud = FakeYandexCloud.builder().grpc(0).build().start()) {
					FakeYandexCloud.trustGrpcCertificates();
					X509Certificate fake = (X509Certificate) CertificateFactory.getInstance("X.509")
							.generateCertificate(new ByteArrayInputStream(cloud.grpcCertificatePem().getBytes(StandardCharsets.US_ASCII)));
					TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
					trust.init((KeyStore) null);
					X509Certificate[] anchors = ((X509TrustManager) trust.getTrustManagers()[0]).getAcceptedIssuers();
					return Arrays.asList(anchors).contains(fake) ? "trusted" : "NOT TRUSTED (" + anchors.length + " anchors)";
				}
			}));
		}
		go.countDown();
		for (Future<String> answer : answers) {
			System.out.println(answer.get());
		}
		pool.shutdownNow();
	}
}
