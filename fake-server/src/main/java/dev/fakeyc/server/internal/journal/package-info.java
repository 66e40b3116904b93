/**
 * Stage 5, <b>journal</b>: what each request leaves in the journal, made on the request thread from what it has and turned into a RecordedRequest on first read, secrets masked.
 */
package dev.fakeyc.server.internal.journal;
