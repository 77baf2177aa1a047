package dev.driftless.bench;

import java.util.Map;

/**
 * One measured step of one contender.
 *
 * @param nanos wall time of the step
 * @param requests HTTP requests sent to the API server during the step
 * @param requestsByKind the same, by kind (GET, PATCH, PATCH dry-run, ...)
 * @param heapBytes peak Java heap in use during the step; -1 for a process that is not a JVM
 * @param rssKib peak resident set size of the process doing the work, in KiB; -1 where unknown
 * @param cpuNanos CPU time (user + system) the client process used during the step; the API server's is not
 *     included
 * @param outcome what the contender reported it did, for the reader to check the step did what it says
 */
public record StepResult(long nanos, long requests, Map<String, Long> requestsByKind, long heapBytes, long rssKib,
    long cpuNanos, String outcome) {

  public StepResult {
    requestsByKind = Map.copyOf(requestsByKind);
  }
}
