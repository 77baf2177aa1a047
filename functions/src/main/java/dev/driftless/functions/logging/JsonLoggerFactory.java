package dev.driftless.functions.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/** One {@link JsonLogger} per name, all at the same lowest level. */
final class JsonLoggerFactory implements ILoggerFactory {

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final Level threshold;
  private final MDCAdapter mdc;

  JsonLoggerFactory(Level threshold, MDCAdapter mdc) {
    this.threshold = threshold;
    this.mdc = mdc;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new JsonLogger(n, threshold, mdc));
  }
}
