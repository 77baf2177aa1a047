package dev.driftless.functions.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes each event as one JSON line on standard output: {@code time}, {@code level}, {@code logger},
 * {@code message}, the context fields (application, operation, trigger, revision, cluster when set) and, for a
 * throwable, {@code error} (its class and message; no stack, as the plain lines had none either). Standard output
 * is looked up per line, so a test that replaces it reads what follows.
 */
final class JsonLogger extends LegacyAbstractLogger {

  private static final JsonFactory JSON = new JsonFactory();

  private final Level threshold;
  private final MDCAdapter mdc;

  JsonLogger(String name, Level threshold, MDCAdapter mdc) {
    this.name = name;
    this.threshold = threshold;
    this.mdc = mdc;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
      Throwable thrown) {
    String line = line(Instant.now(), level, MessageFormatter.basicArrayFormat(pattern, args), thrown);
    System.out.println(line);
  }

  String line(Instant at, Level level, String message, Throwable thrown) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", at.toString());
      g.writeStringField("level", level.name());
      g.writeStringField("logger", name);
      g.writeStringField("message", message);
      Map<String, String> context = mdc.getCopyOfContextMap();
      if (context != null) {
        for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
      }
      if (thrown != null) {
        g.writeStringField("error", thrown.toString());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("log line: JSON writing failed", e);
    }
    return out.toString();
  }
}
