package dev.fakeyc.server.internal.grpc;

import org.apiguardian.api.API;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The gRPC front's TLS identity: one self-signed certificate per JVM (EC P-256; subject alternative names IP
 * 127.0.0.1, IP ::1 and DNS localhost, as clients dial {@code 127.0.0.1:PORT} with hostname verification on), made on
 * first use and shared by every fake in the JVM, so one trust setting covers them all.
 *
 * <p>Made by the JDK's own {@code keytool} (in {@code java.base}, so in every Java runtime), run once as a process: a
 * well-kept generator with no library on the classpath. BouncyCastle was the alternative, but the official SDK brings
 * {@code bcprov-jdk15on:1.61} and a second BouncyCastle ({@code jdk18on}) would put two copies of the same packages
 * on the users' test classpath. Uses only the JDK: it loads without grpc on the classpath.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TlsIdentity {
	private static final String ALIAS = "fakeyc";
	private static final Object TRUST_LOCK = new Object();
	private static volatile boolean trustInstalled;

	private final PrivateKey key;
	private final X509Certificate certificate;

	private TlsIdentity(KeyStore store, char[] password) throws GeneralSecurityException {
		this.key = (PrivateKey) store.getKey(ALIAS, password);
		this.certificate = (X509Certificate) store.getCertificate(ALIAS);
	}

	/** Made once per JVM, on first use (the holder idiom). */
	private static final class Holder {
		static final TlsIdentity INSTANCE = generate();
	}

	/**
	 * The JVM's identity, made on first call (about half a second: one {@code keytool} run).
	 *
	 * @throws IllegalStateException when keytool cannot run, saying what to change
	 */
	public static TlsIdentity get() {
		return Holder.INSTANCE;
	}

	/** The certificate, PEM-encoded ({@code -----BEGIN CERTIFICATE-----}, base64 in 64-character lines, newline-terminated). */
	public String certificatePem() {
		try {
			return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot encode the fake's certificate: " + e.getMessage(), e);
		}
	}

	/** The certificate. */
	public X509Certificate certificate() {
		return certificate;
	}

	/** The private key matching {@link #certificate()}. */
	PrivateKey privateKey() {
		return key;
	}

	private static TlsIdentity generate() {
		char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
		Path dir = null;
		try {
			dir = Files.createTempDirectory("fakeyc-tls");
			Path file = dir.resolve("fakeyc.p12");
			Path keytool = Paths.get(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
			List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt", "-alias", ALIAS, "-keyalg", "EC", "-groupname",
					"secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=fakeyc", "-ext", "SAN=ip:127.0.0.1,ip:::1,dns:localhost",
					"-ext", "BC:c=ca:true", "-validity", "3650", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
					new String(password), "-keypass", new String(password));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] output;
			try (InputStream in = process.getInputStream()) {
				output = in.readAllBytes();
			}
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool could not make the gRPC front's certificate: "
						+ new String(output, StandardCharsets.UTF_8).replace(new String(password), "****").strip());
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(file)) {
				store.load(in, password);
			}
			return new TlsIdentity(store, password);
		} catch (IOException e) {
			throw new IllegalStateException("cannot run the JDK's keytool (" + e.getMessage()
					+ ") to make the gRPC front's certificate: run on a full Java runtime (java.home/bin/keytool)", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while making the gRPC front's certificate", e);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot read the gRPC front's certificate: " + e.getMessage(), e);
		} finally {
			deleteQuietly(dir);
		}
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (var files = Files.list(dir)) {
			for (Path p : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(p);
			}
			Files.deleteIfExists(dir);
		} catch (IOException e) {
			dir.toFile().deleteOnExit();
		}
	}

	/**
	 * Makes the whole JVM trust this certificate besides the trust anchors it trusted before (the JDK's {@code cacerts},
	 * or the store {@code javax.net.ssl.trustStore} named): sets the default {@link SSLContext} to one trusting both
	 * (the JDK's HTTP clients), writes both into a temporary JKS store and points the {@code javax.net.ssl.trustStore}
	 * property at it (grpc-netty and every default {@link TrustManagerFactory} read it), then checks that a default
	 * {@code TrustManagerFactory} trusts the certificate (the JDK caches a store's certificates; see the code) and, if
	 * not, writes the store again under a new name, up to five times. Only that one property
	 * changes, so a reader on another thread sees the old trust or the new, never a mix: the store is written with the
	 * password the JVM already names (if any) and loads without one too (JKS checks only its integrity with the
	 * password), and the JVM's default type reads it (PKCS12 keystores read JKS files: {@code keystore.type.compat}).
	 * Only where {@code javax.net.ssl.trustStoreType} names another type is that property set to JKS as well (after
	 * the store: with the default {@code keystore.type.compat} a reader between the two writes reads it already).
	 * Idempotent and thread-safe: the first call does it, later calls return at once.
	 *
	 * @throws IllegalStateException when the stores cannot be read or written
	 */
	public static void installJvmWideTrust() {
		if (trustInstalled) {
			return;
		}
		synchronized (TRUST_LOCK) {
			if (trustInstalled) {
				return;
			}
			TlsIdentity identity = get();
			try {
				KeyStore merged = KeyStore.getInstance("JKS");
				merged.load(null, null);
				KeyStore previous = defaultTrustStore();
				for (String alias : Collections.list(previous.aliases())) {
					Certificate c = previous.getCertificate(alias);
					if (c != null) {
						merged.setCertificateEntry(alias, c);
					}
				}
				merged.setCertificateEntry("fakeyc-grpc", identity.certificate);
				String namedPassword = System.getProperty("javax.net.ssl.trustStorePassword");
				char[] storePassword = (namedPassword != null ? namedPassword : HexFormat.of().formatHex(new SecureRandom().generateSeed(8))).toCharArray();
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(merged);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(null, trust.getTrustManagers(), null);
				// the default context first: from now on SSLContext.getDefault() no longer reads the trust store property
				SSLContext.setDefault(context);
				String namedType = System.getProperty("javax.net.ssl.trustStoreType", "");
				for (int attempt = 1;; attempt++) {
					Path file = Files.createTempFile("fakeyc-truststore", ".jks");
					file.toFile().deleteOnExit();
					try (OutputStream out = Files.newOutputStream(file)) {
						merged.store(out, storePassword);
					}
					System.setProperty("javax.net.ssl.trustStore", file.toString());
					if (!namedType.isEmpty() && !namedType.equalsIgnoreCase("JKS")) { // a PKCS12 reader reads JKS only with keystore.type.compat
						System.setProperty("javax.net.ssl.trustStoreType", "JKS");
					}
					// The JDK keeps one trust store's certificates for every default TrustManagerFactory, keyed by the
					// store's path and time; a default SSLContext built on another thread at the wrong moment can file the
					// old store's certificates under the new store's key (its key store cache updates the key, not the
					// certificates). Read the new store through that cache once now: if it answers without this
					// certificate, a fresh file (a new key) makes it read the store again.
					if (defaultTrustAccepts(identity.certificate) || attempt == 5) {
						break;
					}
				}
				trustInstalled = true;
			} catch (IOException | GeneralSecurityException e) {
				throw new IllegalStateException("cannot install trust in the fake's gRPC certificate: " + e.getMessage(), e);
			}
		}
	}

	/** Whether a default {@link TrustManagerFactory} (what grpc-netty and the SDKs use) trusts {@code certificate} now. */
	private static boolean defaultTrustAccepts(X509Certificate certificate) throws GeneralSecurityException {
		TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		defaults.init((KeyStore) null);
		for (javax.net.ssl.TrustManager manager : defaults.getTrustManagers()) {
			if (manager instanceof javax.net.ssl.X509TrustManager x509 && java.util.Arrays.asList(x509.getAcceptedIssuers()).contains(certificate)) {
				return true;
			}
		}
		return false;
	}

	/** The trust anchors the JVM used before: the store the properties name, else jssecacerts or cacerts. */
	private static KeyStore defaultTrustStore() throws IOException, GeneralSecurityException {
		String named = System.getProperty("javax.net.ssl.trustStore");
		Path path;
		if (named != null && !named.isEmpty() && !named.equals("NONE")) {
			path = Paths.get(named);
		} else {
			Path security = Paths.get(System.getProperty("java.home"), "lib", "security");
			path = Files.exists(security.resolve("jssecacerts")) ? security.resolve("jssecacerts") : security.resolve("cacerts");
		}
		String type = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
		String password = System.getProperty("javax.net.ssl.trustStorePassword");
		KeyStore store = KeyStore.getInstance(type.isEmpty() ? KeyStore.getDefaultType() : type);
		if (!Files.exists(path)) {
			store.load(null, null);
			return store;
		}
		byte[] bytes = Files.readAllBytes(path);
		store.load(new ByteArrayInputStream(bytes), password == null ? null : password.toCharArray());
		return store;
	}

	/** The certificate as the list grpc's trust builder takes. */
	List<X509Certificate> chain() {
		List<X509Certificate> list = new ArrayList<>();
		list.add(certificate);
		return list;
	}
}
