/**
 * Stage 3, <b>decision</b>: transport-neutral request facts in, a verdict out. {@link dev.fakeyc.server.internal.decision.AccessCheck} runs authentication ({@link dev.fakeyc.server.internal.decision.Decider}, the reference's order) then the {@link dev.fakeyc.server.internal.decision.Authorization} stage (issue 16 plugs in there).
 */
package dev.fakeyc.server.internal.decision;
