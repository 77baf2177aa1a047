package dev.driftless.state;

import java.time.Instant;

/**
 * An operation in flight, saved so that a later invocation can continue it: its id, what triggered it, the
 * commit it syncs, the step it reached, when it started and how many attempts it has made.
 */
public record Operation(String id, Trigger trigger, String revision, String step, Instant startedAt, int attempt) {}
