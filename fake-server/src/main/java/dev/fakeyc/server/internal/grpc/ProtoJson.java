package dev.fakeyc.server.internal.grpc;

import java.lang.reflect.Method;

/**
 * Protobuf's JSON mapping, by reflection on {@code com.google.protobuf.util.JsonFormat} when the user's classpath has
 * it (protobuf-java-util): a stub's JSON body becomes the response message, as the REST bodies are the messages' JSON
 * mapping. Absent, every conversion answers null and the caller falls back (an empty message, an empty body).
 */
final class ProtoJson {
	private ProtoJson() {
	}

	/**
	 * The message of {@code prototype}'s type that {@code json} describes, encoded; unknown fields are ignored.
	 *
	 * @return the bytes, or null when JsonFormat is absent, the prototype unknown, or the JSON does not fit
	 */
	static byte[] toMessage(Object prototype, String json) {
		if (prototype == null) {
			return null;
		}
		try {
			Class<?> format = Class.forName("com.google.protobuf.util.JsonFormat", true, prototype.getClass().getClassLoader());
			Object parser = format.getMethod("parser").invoke(null);
			parser = parser.getClass().getMethod("ignoringUnknownFields").invoke(parser);
			Object builder = prototype.getClass().getMethod("newBuilderForType").invoke(prototype);
			Class<?> builderType = Class.forName("com.google.protobuf.Message$Builder", true, prototype.getClass().getClassLoader());
			Method merge = parser.getClass().getMethod("merge", String.class, builderType);
			merge.invoke(parser, json, builder);
			Object message = builder.getClass().getMethod("build").invoke(builder);
			return (byte[]) message.getClass().getMethod("toByteArray").invoke(message);
		} catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
			return null;
		}
	}

	/**
	 * The JSON mapping of {@code bytes} read as {@code prototype}'s type.
	 *
	 * @return the JSON text, or null when JsonFormat is absent, the prototype unknown, or the bytes do not parse
	 */
	static String toJson(Object prototype, byte[] bytes) {
		if (prototype == null) {
			return null;
		}
		try {
			Class<?> format = Class.forName("com.google.protobuf.util.JsonFormat", true, prototype.getClass().getClassLoader());
			Object parserForType = prototype.getClass().getMethod("getParserForType").invoke(prototype);
			Method parseFrom = parserForType.getClass().getMethod("parseFrom", byte[].class);
			Object message = parseFrom.invoke(parserForType, (Object) bytes);
			Object printer = format.getMethod("printer").invoke(null);
			Class<?> orBuilder = Class.forName("com.google.protobuf.MessageOrBuilder", true, prototype.getClass().getClassLoader());
			return (String) printer.getClass().getMethod("print", orBuilder).invoke(printer, message);
		} catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
			return null;
		}
	}
}
