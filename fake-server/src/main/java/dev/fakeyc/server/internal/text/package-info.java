/**
 * Bounded excerpts of client-sent text for messages and logs.
 */
package dev.fakeyc.server.internal.text;
