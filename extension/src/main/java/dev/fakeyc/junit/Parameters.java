package dev.fakeyc.junit;

import dev.fakeyc.junit.internal.TestCredentials;
import dev.fakeyc.server.ApiKey;
import dev.fakeyc.server.AuthorizedKey;
import dev.fakeyc.server.FakeClock;
import dev.fakeyc.server.FakeYandexCloud;
import dev.fakeyc.server.IamToken;
import dev.fakeyc.server.ServiceAccount;
import dev.fakeyc.server.UserAccount;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Which parameters the extension supplies, and how. */
final class Parameters {
	private static final Set<Class<?>> TYPES = Set.of(FakeYandexCloud.class, FakeClock.class, ReceivedRequests.class, ServiceAccount.class,
			UserAccount.class, IamToken.class, ApiKey.class, AuthorizedKey.class);

	private Parameters() {
	}

	static boolean supports(ParameterContext parameter) {
		Class<?> type = parameter.getParameter().getType();
		if (parameter.isAnnotated(FakeCloudUrl.class)) {
			return type == URI.class || type == String.class;
		}
		if (parameter.isAnnotated(FakeCloudGrpcTarget.class)) {
			return type == String.class;
		}
		return TYPES.contains(type);
	}

	static Object resolve(ParameterContext parameter, FakeYandexCloud cloud, Supplier<ReceivedRequests> requests,
			Supplier<TestCredentials> credentials) {
		Class<?> type = parameter.getParameter().getType();
		checkAnnotations(parameter, type);
		if (parameter.isAnnotated(FakeCloudUrl.class)) {
			return type == URI.class ? cloud.baseUrl() : cloud.baseUrl().toString();
		}
		if (parameter.isAnnotated(FakeCloudGrpcTarget.class)) {
			return grpcTarget(parameter, cloud);
		}
		if (type == FakeYandexCloud.class) {
			return cloud;
		}
		if (type == FakeClock.class) {
			return cloud.clock();
		}
		if (type == ReceivedRequests.class) {
			return requests.get();
		}
		TestCredentials mine = credentials.get();
		parameter.findAnnotation(Roles.class).ifPresent(roles -> grant(parameter, cloud, mine.serviceAccount(), roles.value()));
		boolean expired = parameter.isAnnotated(Expired.class);
		if (type == ServiceAccount.class) {
			ServiceAccount sa = mine.serviceAccount();
			if (parameter.isAnnotated(AttachedToMetadata.class)) {
				cloud.credentials().attachToMetadata(sa);
			}
			return sa;
		}
		if (type == UserAccount.class) {
			return mine.userAccount();
		}
		if (type == IamToken.class) {
			return mine.iamToken(parameter.isAnnotated(UserAccountToken.class), expired);
		}
		if (type == ApiKey.class) {
			List<String> scopes = parameter.findAnnotation(Scoped.class).map(s -> Arrays.asList(s.value())).orElse(List.of());
			try {
				return mine.apiKey(scopes, expired);
			} catch (IllegalArgumentException e) {
				throw new ParameterResolutionException("cannot make the API key for " + describe(parameter) + ": " + e.getMessage()
						+ "; change its @Scoped", e);
			}
		}
		return mine.authorizedKey();
	}

	private static String grpcTarget(ParameterContext parameter, FakeYandexCloud cloud) {
		try {
			return cloud.grpcTarget();
		} catch (IllegalStateException e) { // the server was built without grpc(…)
			throw new ParameterResolutionException("@FakeCloudGrpcTarget on " + describe(parameter) + ": the fake serves no gRPC front; turn it on "
					+ "with @WithFakeYandexCloud(grpc = true) or FakeYandexCloudExtension.builder().grpc()", e);
		}
	}

	private static void grant(ParameterContext parameter, FakeYandexCloud cloud, ServiceAccount account, String[] roleIds) {
		try {
			cloud.access().grantInFolder(account, roleIds);
		} catch (IllegalArgumentException e) {
			throw new ParameterResolutionException("cannot grant the roles of " + describe(parameter) + ": " + e.getMessage() + "; change its @Roles", e);
		}
	}

	/** Annotations that make no sense on a type are a mistake worth reporting, not ignoring. */
	private static void checkAnnotations(ParameterContext parameter, Class<?> type) {
		if (parameter.isAnnotated(Scoped.class) && type != ApiKey.class) {
			throw misplaced(parameter, "@Scoped", "ApiKey");
		}
		if (parameter.isAnnotated(Expired.class) && type != ApiKey.class && type != IamToken.class) {
			throw misplaced(parameter, "@Expired", "ApiKey or IamToken");
		}
		if (parameter.isAnnotated(AttachedToMetadata.class) && type != ServiceAccount.class) {
			throw misplaced(parameter, "@AttachedToMetadata", "ServiceAccount");
		}
		if (parameter.isAnnotated(UserAccountToken.class) && type != IamToken.class) {
			throw misplaced(parameter, "@UserAccountToken", "IamToken");
		}
		if (parameter.isAnnotated(Roles.class) && (type != ServiceAccount.class && type != ApiKey.class && type != IamToken.class
				|| parameter.isAnnotated(UserAccountToken.class))) {
			throw misplaced(parameter, "@Roles", "ServiceAccount, ApiKey or service-account IamToken");
		}
		if (parameter.isAnnotated(Roles.class) && parameter.findAnnotation(Roles.class).orElseThrow().value().length == 0) {
			throw new ParameterResolutionException(describe(parameter) + " has an empty @Roles: name at least one role, or drop @Roles");
		}
		if (parameter.isAnnotated(Scoped.class) && parameter.findAnnotation(Scoped.class).orElseThrow().value().length == 0) {
			throw new ParameterResolutionException(describe(parameter) + " has an empty @Scoped: name at least one scope, "
					+ "or drop @Scoped for the default set");
		}
	}

	private static ParameterResolutionException misplaced(ParameterContext parameter, String annotation, String types) {
		return new ParameterResolutionException(annotation + " on " + describe(parameter) + " has no effect: it applies to " + types
				+ " parameters only");
	}

	static String describe(ParameterContext parameter) {
		return "parameter [" + parameter.getParameter() + "] of " + parameter.getDeclaringExecutable();
	}
}
