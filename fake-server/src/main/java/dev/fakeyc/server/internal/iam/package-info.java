/**
 * The fake's own IAM endpoints (token exchange, revocation, impersonation, API key management, discovery, VM metadata), over an {@link dev.fakeyc.server.internal.iam.IamState} view of the engine.
 */
package dev.fakeyc.server.internal.iam;
