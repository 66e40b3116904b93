/**
 * The authorization stage of the request path (issue 16, reference §9.3): the resource hierarchy
 * (organization → cloud → folder), access bindings inherited downwards, the role catalog (which
 * roles grant the permission each catalog resource needs, with the docs page as its source), the
 * check that refuses a subject lacking the role with the cloud's 403, and the least-privilege report.
 * It plugs into {@code decision.AccessCheck} as its {@code Authorization}, so every transport gets it.
 */
package dev.fakeyc.server.internal.authorization;
