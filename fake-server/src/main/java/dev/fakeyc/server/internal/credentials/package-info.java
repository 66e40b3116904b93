/**
 * Stage 2, <b>credential</b>: the registered accounts, IAM tokens, API keys, OAuth tokens and authorized keys, as one copy-on-write set looked up by secret digest.
 */
package dev.fakeyc.server.internal.credentials;
