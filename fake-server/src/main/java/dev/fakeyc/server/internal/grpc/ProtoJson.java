package dev.fakeyc.server.internal.grpc;

import java.lang.reflect.Method;

/**
 * Protobuf's JSON mapping, by reflection on {@code com.google.protobuf.util.JsonFormat} when the user's classpath has
 * it (protobuf-java-util): a stub's JSON body becomes the response message, as the REST bodies are the messages' JSON
 * mapping. Absent, every conversion answers null and the caller falls back (an empty message, an empty body).
 *
 * <p>The reflective look-ups (JsonFormat's parser and printer, protobuf's public {@code Message}, {@code Parser} and
 * builder methods) are made once per message class, the first time one of its messages is converted, and kept with
 * the class ({@link ClassValue}: gone with its class loader); a conversion itself is a few reflective calls.
 */
final class ProtoJson {
	private static final ClassValue<java.util.Optional<Conversion>> CONVERSIONS = new ClassValue<>() {
		@Override
		protected java.util.Optional<Conversion> computeValue(Class<?> messageClass) {
			return java.util.Optional.ofNullable(Conversion.of(messageClass));
		}
	};

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
		Conversion conversion = CONVERSIONS.get(prototype.getClass()).orElse(null);
		if (conversion == null) {
			return null;
		}
		try {
			Object builder = conversion.newBuilderForType.invoke(prototype);
			conversion.merge.invoke(conversion.parser, json, builder);
			Object message = conversion.build.invoke(builder);
			return (byte[]) conversion.toByteArray.invoke(message);
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
		Conversion conversion = CONVERSIONS.get(prototype.getClass()).orElse(null);
		if (conversion == null) {
			return null;
		}
		try {
			Object messageParser = conversion.getParserForType.invoke(prototype);
			Object message = conversion.parseFrom.invoke(messageParser, (Object) bytes);
			return (String) conversion.print.invoke(conversion.printer, message);
		} catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
			return null;
		}
	}

	/**
	 * What converting one message class takes, looked up in that class's loader: JsonFormat's parser (ignoring unknown
	 * fields) and printer, and the methods of protobuf's public interfaces that are called on it.
	 */
	private record Conversion(Object parser, Method merge, Object printer, Method print, Method newBuilderForType, Method build, Method toByteArray,
			Method getParserForType, Method parseFrom) {
		/** The conversion of a message class, or null when JsonFormat or protobuf is not loadable beside it. */
		static Conversion of(Class<?> messageClass) {
			ClassLoader loader = messageClass.getClassLoader();
			try {
				Class<?> format = Class.forName("com.google.protobuf.util.JsonFormat", true, loader);
				Class<?> message = Class.forName("com.google.protobuf.Message", true, loader);
				Class<?> builder = Class.forName("com.google.protobuf.Message$Builder", true, loader);
				Class<?> messageParser = Class.forName("com.google.protobuf.Parser", true, loader);
				Class<?> orBuilder = Class.forName("com.google.protobuf.MessageOrBuilder", true, loader);
				Object parser = format.getMethod("parser").invoke(null);
				parser = parser.getClass().getMethod("ignoringUnknownFields").invoke(parser);
				Object printer = format.getMethod("printer").invoke(null);
				return new Conversion(parser, parser.getClass().getMethod("merge", String.class, builder), printer,
						printer.getClass().getMethod("print", orBuilder), message.getMethod("newBuilderForType"), builder.getMethod("build"),
						message.getMethod("toByteArray"), message.getMethod("getParserForType"), messageParser.getMethod("parseFrom", byte[].class));
			} catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
				return null;
			}
		}
	}
}
