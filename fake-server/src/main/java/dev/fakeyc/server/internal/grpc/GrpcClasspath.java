package dev.fakeyc.server.internal.grpc;

import org.apiguardian.api.API;

/**
 * Whether the gRPC front can run here: grpc-java's server on the classpath. JDK types only, so it loads (and answers
 * "no") without grpc, where {@link GrpcFront} itself would fail to link.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GrpcClasspath {
	/** What to add when grpc is missing, for the error message. */
	public static final String ARTIFACTS = "io.grpc:grpc-netty-shaded, io.grpc:grpc-core and io.grpc:grpc-api (1.43.2 or newer, one version for all;"
			+ " the official Yandex Cloud Java SDK brings them)";

	private GrpcClasspath() {
	}

	/**
	 * Whether grpc-api, grpc-core and grpc-netty-shaded are loadable by the fake's class loader.
	 *
	 * @return true when the front can start
	 */
	public static boolean present() {
		ClassLoader loader = GrpcClasspath.class.getClassLoader();
		try {
			Class.forName("io.grpc.Server", false, loader);
			Class.forName("io.grpc.internal.ServerImplBuilder", false, loader);
			Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder", false, loader);
			return true;
		} catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
