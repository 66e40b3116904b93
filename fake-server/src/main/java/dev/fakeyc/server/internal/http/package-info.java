/**
 * The HTTP/1.1 transport on Undertow: limits, the handler that runs route, credential, decision, answer and journal top-down, streams, and the control API.
 */
package dev.fakeyc.server.internal.http;
