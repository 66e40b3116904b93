package dev.fakeyc.server.internal.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fake can learn of a gRPC method from the official SDK's generated classes, when the user's classpath has
 * them (it does whenever the SDK is used): whether the server streams, whether it answers a long-running
 * {@code yandex.cloud.operation.Operation}, and the request and response message prototypes (for JSON via
 * protobuf's {@code JsonFormat}). Found by reflection, with no compile-time dependency on the SDK or protobuf: a
 * {@code yandex.cloud.X.Service} is generated as {@code yandex.cloud.api.X.ServiceGrpc} (cloudapi's
 * {@code java_package} convention). Without the classes every method is unary and answered with an empty message.
 * Looked up once per method; thread-safe.
 */
final class MethodShapes {
	/** The shape of a method the fake knows nothing about. */
	static final Shape UNKNOWN = new Shape(false, false, null, null);
	/**
	 * A method its service does not have: the service's generated class is on the classpath and lists no such method.
	 * A gRPC server answers such a call {@code UNIMPLEMENTED} before any of its own code runs.
	 */
	static final Shape ABSENT = new Shape(false, false, null, null);
	/** The most methods remembered: a client may name any number of methods; lookups past this are made each time. */
	private static final int MAX_REMEMBERED = 4096;
	private static final String OPERATION_CLASS = "yandex.cloud.api.operation.OperationOuterClass$Operation";

	/**
	 * One method's shape.
	 *
	 * @param serverStreaming  whether the server may send many messages
	 * @param operation        whether it answers an {@code Operation}
	 * @param requestPrototype the request message's default instance ({@code com.google.protobuf.Message}), or null
	 * @param responsePrototype the response message's default instance, or null
	 */
	record Shape(boolean serverStreaming, boolean operation, Object requestPrototype, Object responsePrototype) {
	}

	private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

	/**
	 * The shape of {@code pkg.Service/Method}; {@link #UNKNOWN} when the generated classes are not on the classpath,
	 * {@link #ABSENT} when they are and the service has no such method.
	 */
	Shape of(String fullMethodName) {
		Shape known = shapes.get(fullMethodName);
		if (known != null) {
			return known;
		}
		Shape found = lookUp(fullMethodName);
		if (shapes.size() < MAX_REMEMBERED) {
			shapes.putIfAbsent(fullMethodName, found);
		}
		return found;
	}

	private static Shape lookUp(String fullMethodName) {
		int slash = fullMethodName.indexOf('/');
		int dot = fullMethodName.lastIndexOf('.', slash);
		if (slash < 0 || dot < 0) {
			return UNKNOWN;
		}
		String protoPackage = fullMethodName.substring(0, dot);
		String javaPackage = protoPackage.startsWith("yandex.cloud.") ? "yandex.cloud.api." + protoPackage.substring("yandex.cloud.".length()) : protoPackage;
		String grpcClass = javaPackage + "." + fullMethodName.substring(dot + 1, slash) + "Grpc";
		try {
			Class<?> type = load(grpcClass);
			Method descriptor = type.getMethod("getServiceDescriptor");
			ServiceDescriptor service = (ServiceDescriptor) descriptor.invoke(null);
			for (MethodDescriptor<?, ?> method : service.getMethods()) {
				if (method.getFullMethodName().equals(fullMethodName)) {
					Object request = prototype(method.getRequestMarshaller());
					Object response = prototype(method.getResponseMarshaller());
					boolean streaming = method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING
							|| method.getType() == MethodDescriptor.MethodType.BIDI_STREAMING;
					return new Shape(streaming, response != null && response.getClass().getName().equals(OPERATION_CLASS), request, response);
				}
			}
			return ABSENT;
		} catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
			return UNKNOWN;
		}
	}

	private static Object prototype(MethodDescriptor.Marshaller<?> marshaller) {
		return marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> p ? p.getMessagePrototype() : null;
	}

	private static Class<?> load(String name) throws ClassNotFoundException {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		if (context != null) {
			try {
				return Class.forName(name, true, context);
			} catch (ClassNotFoundException e) {
				// fall through to the fake's own loader
			}
		}
		return Class.forName(name, true, MethodShapes.class.getClassLoader());
	}
}
