/**
 * The engine: owns the state (credentials, clock, catalog, journal, stubs) and the transports' lifecycle; the public FakeYandexCloud is a facade over it. Transports (HTTP today, gRPC next) receive it directly.
 */
package dev.fakeyc.server.internal.engine;
