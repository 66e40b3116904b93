package dev.fakeyc.server.internal.decision;

/**
 * What the decision needs to know of a request besides its route.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param folderId      the folder the request names explicitly (header, query, body field), or empty
 * @param uriFolderId   the folder a model URI names ({@code gpt://<folder>/…}), or empty
 */
public record RequestFacts(String authorization, String folderId, String uriFolderId) {
}
