package dev.driftless.functions.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The functions' SLF4J backend: one JSON object per line on standard output ({@link JsonLogger}), with the
 * {@link dev.driftless.logging.LogContext} fields. Found through META-INF/services; it replaces slf4j-simple, whose
 * plain text lines carried no context, and adds no dependency to the Lambda jars.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

  /** The lowest level written: DRIFTLESS_LOG_LEVEL (error, warn, info, debug, trace), info when unset. */
  static final String LEVEL_VARIABLE = "DRIFTLESS_LOG_LEVEL";

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private ILoggerFactory loggers;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    loggers = new JsonLoggerFactory(LogLevel.parse(System.getenv(LEVEL_VARIABLE)), mdc);
  }
}
