package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

/**
 * A refusal a route gives an authenticated request whose body asks for something the real service does not
 * do, such as {@code "encoding_format":"base64"} on the OpenAI-compatible embeddings route: the docs say embeddings are
 * served "with {@code encoding_format} set to {@code float}" (yandex-cloud/docs,
 * {@code en/ai-studio/concepts/openai-compatibility.md}, "Embeddings"), and users report base64 refused
 * (HKUDS/LightRAG#2935). Written in the catalog as a route's
 * {@code "refuse": [{"when": "body:<field>", "equals": "<text>", "status", "grpcCode", "message"}]}.
 *
 * @param field    the body field (a dotted path, read by the request's Content-Type) the refusal looks at
 * @param equals   the text value of that field that is refused
 * @param status   the HTTP status of the refusal, 400 to 599
 * @param grpcCode the gRPC code in the error body, 0 to 16
 * @param message  the message in the error body
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record RouteRefusal(String field, String equals, int status, int grpcCode, String message) {
}
