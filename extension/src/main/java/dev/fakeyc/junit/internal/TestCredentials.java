package dev.fakeyc.junit.internal;

import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.Subject;
import dev.fakeyc.server.UserAccount;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The accounts and credentials one test (or one class, for {@code @BeforeAll} and constructors) was
 * given: one service account and one user account, made on first use, and their tokens and keys.
 * Closed with the test's store, it deletes them, so nothing a test was given outlives it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
@SuppressWarnings("deprecation") // CloseableResource: so JUnit 5.x before 5.13 closes it too
public final class TestCredentials implements AutoCloseable, ExtensionContext.Store.CloseableResource {
	private final FakeYandexCloud cloud;
	private final Consumer<Subject> onSubject;
	private final Consumer<String> onCredential;
	private final List<Subject> accounts = new ArrayList<>();
	private ServiceAccount serviceAccount;
	private UserAccount userAccount;

	/**
	 * @param onSubject    told of each account made, so the test's requests view counts its requests
	 * @param onCredential told of each token or key made (masked), for the same reason
	 */
	public TestCredentials(FakeYandexCloud cloud, Consumer<Subject> onSubject, Consumer<String> onCredential) {
		this.cloud = cloud;
		this.onSubject = onSubject;
		this.onCredential = onCredential;
	}

	/** The test's service account, made on first use. */
	public synchronized ServiceAccount serviceAccount() {
		if (serviceAccount == null) {
			serviceAccount = cloud.createServiceAccount();
			accounts.add(serviceAccount);
			onSubject.accept(serviceAccount);
		}
		return serviceAccount;
	}

	/** The test's user account, made on first use. */
	public synchronized UserAccount userAccount() {
		if (userAccount == null) {
			userAccount = cloud.createUserAccount();
			accounts.add(userAccount);
			onSubject.accept(userAccount);
		}
		return userAccount;
	}

	/** A new IAM token of the test's user or service account; {@code expired}: already expired on the fake's clock. */
	public IamToken iamToken(boolean user, boolean expired) {
		Subject subject = user ? userAccount() : serviceAccount();
		IamToken token = expired ? cloud.issueIamToken(subject, Duration.ofSeconds(-1)) : cloud.issueIamToken(subject);
		onCredential.accept(token.secret().masked());
		return token;
	}

	/**
	 * A new API key of the test's service account.
	 *
	 * @throws IllegalArgumentException for an unknown scope, naming the known ones
	 */
	public ApiKey apiKey(Collection<String> scopes, boolean expired) {
		ApiKey key = expired ? cloud.createApiKey(serviceAccount(), scopes, cloud.clock().instant().minusSeconds(1))
				: cloud.createApiKey(serviceAccount(), scopes);
		onCredential.accept(key.secret().masked());
		return key;
	}

	/** A new authorized key of the test's service account. */
	public AuthorizedKey authorizedKey() {
		return cloud.createAuthorizedKey(serviceAccount());
	}

	/** Deletes the accounts, and with them every token and key they hold. */
	@Override
	public synchronized void close() {
		for (Subject account : accounts) {
			cloud.credentials().delete(account);
		}
		accounts.clear();
	}
}
