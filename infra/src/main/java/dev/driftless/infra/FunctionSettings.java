package dev.driftless.infra;

import java.time.Duration;

/**
 * How one function is sized: memory in MB, timeout, and reserved concurrency ({@code null} leaves the
 * function on the account's unreserved pool, which new accounts with a concurrency quota of 10 need).
 */
public record FunctionSettings(int memoryMb, Duration timeout, Integer reservedConcurrency) {

  public FunctionSettings {
    if (memoryMb < 128 || memoryMb > 10240) {
      throw new IllegalArgumentException("function memory " + memoryMb + " MB: must be 128..10240");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
      throw new IllegalArgumentException("function timeout " + timeout + ": must be 1 s..15 min");
    }
    if (reservedConcurrency != null && reservedConcurrency < 1) {
      throw new IllegalArgumentException("function reserved concurrency " + reservedConcurrency + ": must be >= 1");
    }
  }

  public FunctionSettings withMemoryMb(int mb) {
    return new FunctionSettings(mb, timeout, reservedConcurrency);
  }

  public FunctionSettings withTimeout(Duration t) {
    return new FunctionSettings(memoryMb, t, reservedConcurrency);
  }

  public FunctionSettings withReservedConcurrency(Integer n) {
    return new FunctionSettings(memoryMb, timeout, n);
  }
}
