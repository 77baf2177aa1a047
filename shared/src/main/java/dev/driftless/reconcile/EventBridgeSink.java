package dev.driftless.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Emits events on an EventBridge bus, source {@code driftless}. A failed emit is logged, never fatal. */
public final class EventBridgeSink implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventBridgeSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBridgeClient events;
  private final String bus;

  public EventBridgeSink(EventBridgeClient events, String bus) {
    this.events = events;
    this.bus = bus;
  }

  @Override
  public void emit(String detailType, Map<String, Object> detail) {
    try {
      String json = JSON.writeValueAsString(detail);
      PutEventsResponse r = events.putEvents(p -> p.entries(e -> e.eventBusName(bus).source("driftless")
          .detailType(detailType).detail(json)));
      if (r.failedEntryCount() != null && r.failedEntryCount() > 0) {
        LOG.warn("event {} not accepted by bus {}: {}", detailType, bus, r.entries().get(0).errorCode());
      }
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("event {} not emitted to bus {}: {}", detailType, bus, e.getClass().getSimpleName());
    }
  }
}
