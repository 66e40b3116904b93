/**
 * Not API: the extension's own machinery (its settings, the stored server and credentials, log levels). Public only
 * so that {@code dev.fakeyc.junit} can reach it across packages; every type here is
 * {@code @API(status = INTERNAL)}, is left out of the Javadoc and the API listing, and may change or go in any
 * release. Do not use it from tests.
 */
package dev.fakeyc.junit.internal;
