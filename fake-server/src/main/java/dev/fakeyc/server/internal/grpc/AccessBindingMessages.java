package dev.fakeyc.server.internal.grpc;

import dev.fakeyc.server.internal.answer.JsonBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The access-binding API's messages between the protobuf wire format and the JSON the REST endpoints speak (protobuf's
 * JSON mapping), so the gRPC methods are answered by the REST endpoints' own logic. Field numbers of yandex-cloud/cloudapi
 * {@code yandex/cloud/access/access.proto}: {@code ListAccessBindingsRequest{resource_id=1, page_size=2, page_token=3}},
 * {@code ListAccessBindingsResponse{access_bindings=1, next_page_token=2}}, {@code AccessBinding{role_id=1, subject=2}},
 * {@code Subject{id=1, type=2}}, {@code SetAccessBindingsRequest{resource_id=1, access_bindings=2}},
 * {@code UpdateAccessBindingsRequest{resource_id=1, access_binding_deltas=2}},
 * {@code AccessBindingDelta{action=1 (ADD=1, REMOVE=2), access_binding=2}}, {@code Set/UpdateAccessBindingsMetadata{resource_id=1}};
 * and {@code yandex/cloud/operation/operation.proto}'s {@code Operation}. Written by hand, so it needs neither the SDK's
 * generated classes nor protobuf on the classpath (a Node or Go client sends the same bytes).
 */
final class AccessBindingMessages {

	private AccessBindingMessages() {
	}

	/** Whether {@code fullMethodName} lists bindings (answered by a {@code ListAccessBindingsResponse}, not an {@code Operation}). */
	static boolean isList(String fullMethodName) {
		return fullMethodName.endsWith("/ListAccessBindings");
	}

	/**
	 * The request message of a {@code List/Set/UpdateAccessBindings} method as the REST body's JSON, with its
	 * {@code resourceId}; an action other than ADD or REMOVE is passed on by its number, for the endpoint to refuse.
	 *
	 * @throws ProtoReader.Malformed when the message is not valid wire format
	 */
	static String requestJson(String fullMethodName, byte[] message) throws ProtoReader.Malformed {
		ObjectNode json = JsonBodies.mapper().createObjectNode();
		String resourceId = ProtoReader.string(message, new int[]{ 1 });
		json.put("resourceId", resourceId == null ? "" : resourceId);
		if (fullMethodName.endsWith("/SetAccessBindings")) {
			ArrayNode bindings = json.putArray("accessBindings");
			for (byte[] b : ProtoReader.all(message, 2)) {
				bindings.add(binding(b));
			}
		} else if (fullMethodName.endsWith("/UpdateAccessBindings")) {
			ArrayNode deltas = json.putArray("accessBindingDeltas");
			for (byte[] d : ProtoReader.all(message, 2)) {
				long action = ProtoReader.varint(d, 1);
				ObjectNode delta = deltas.addObject().put("action", action == 1 ? "ADD" : action == 2 ? "REMOVE" : Long.toString(action));
				byte[] b = lastMessage(d, 2);
				if (b != null) {
					delta.set("accessBinding", binding(b));
				}
			}
		}
		return json.toString();
	}

	/**
	 * The REST endpoint's JSON answer as the method's response message: a {@code ListAccessBindingsResponse}, or the
	 * finished {@code Operation} with its metadata and response as {@code google.protobuf.Any}.
	 *
	 * @throws UncheckedIOException when the endpoint answered no JSON (a defect of the fake)
	 */
	static byte[] responseMessage(String fullMethodName, String json) {
		JsonNode answer;
		try {
			answer = JsonBodies.mapper().readTree(json);
		} catch (IOException e) {
			throw new UncheckedIOException("the access-binding endpoint answered no JSON", e);
		}
		if (isList(fullMethodName)) {
			ProtoWriter list = new ProtoWriter();
			for (JsonNode b : answer.path("accessBindings")) {
				ProtoWriter subject = new ProtoWriter().string(1, b.path("subject").path("id").asText()).string(2, b.path("subject").path("type").asText());
				list.message(1, new ProtoWriter().string(1, b.path("roleId").asText()).message(2, subject));
			}
			return list.string(2, answer.path("nextPageToken").asText()).toByteArray();
		}
		ProtoWriter operation = new ProtoWriter().string(1, answer.path("id").asText()).string(2, answer.path("description").asText())
				.message(3, timestamp(answer.path("createdAt").asText())).string(4, answer.path("createdBy").asText())
				.message(5, timestamp(answer.path("modifiedAt").asText())).bool(6, answer.path("done").asBoolean());
		JsonNode metadata = answer.path("metadata");
		operation.message(7, any(metadata.path("@type").asText(), new ProtoWriter().string(1, metadata.path("resourceId").asText())));
		return operation.message(9, any(answer.path("response").path("@type").asText(), new ProtoWriter())).toByteArray();
	}

	/** {@code AccessBinding{role_id=1, subject=2: Subject{id=1, type=2}}} as {@code {"roleId","subject":{"id","type"}}}. */
	private static ObjectNode binding(byte[] b) throws ProtoReader.Malformed {
		ObjectNode n = JsonBodies.mapper().createObjectNode().put("roleId", orEmpty(ProtoReader.string(b, new int[]{ 1 })));
		n.putObject("subject").put("id", orEmpty(ProtoReader.string(b, new int[]{ 2, 1 }))).put("type", orEmpty(ProtoReader.string(b, new int[]{ 2, 2 })));
		return n;
	}

	private static byte[] lastMessage(byte[] message, int field) throws ProtoReader.Malformed {
		var all = ProtoReader.all(message, field);
		return all.isEmpty() ? null : all.get(all.size() - 1);
	}

	private static String orEmpty(String s) {
		return s == null ? "" : s;
	}

	/** {@code google.protobuf.Timestamp{seconds=1, nanos=2}} of an ISO-8601 instant. */
	private static ProtoWriter timestamp(String iso) {
		Instant at = Instant.parse(iso);
		return new ProtoWriter().int64(1, at.getEpochSecond()).int64(2, at.getNano());
	}

	/** {@code google.protobuf.Any{type_url=1, value=2}}. */
	private static ProtoWriter any(String typeUrl, ProtoWriter value) {
		return new ProtoWriter().string(1, typeUrl).bytes(2, value.toByteArray());
	}
}
