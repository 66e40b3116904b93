/**
 * Not API for embedding: the standalone fake, {@code java -jar fakeyc-server-<version>-standalone.jar}. Its contract
 * is the command line (options, the {@code listening on http://HOST:PORT} line, the config file format, the exit
 * codes; see {@code DESIGN.md}), not Java types. {@link dev.fakeyc.server.standalone.Main} is public only because the
 * JVM launches it; it is {@code @API(status = INTERNAL)}, left out of the Javadoc, and may change in any release.
 * To embed the fake in a JVM test, use {@link dev.fakeyc.server.FakeYandexCloud}.
 */
package dev.fakeyc.server.standalone;
