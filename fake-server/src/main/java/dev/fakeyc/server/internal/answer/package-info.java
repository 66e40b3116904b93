/**
 * Stage 4, <b>answer</b>: refusals in each service's error style, request ids, gRPC status codes, and the typed answers of the fake's own endpoints.
 */
package dev.fakeyc.server.internal.answer;
