package dev.driftless.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.driftless.state.ApplicationStore;
import dev.driftless.state.Trigger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the drift-scan schedule, enqueues one scan per registered Application, page by page so it scales to
 * thousands. Each scan runs in the sync function: it plans only, and with selfHeal it then applies. The
 * deduplication id holds the Application and the scheduled minute, so a repeated schedule event enqueues
 * nothing twice.
 */
public final class DriftScanHandler implements RequestHandler<ScheduledEvent, String> {

  private static final Logger LOG = LoggerFactory.getLogger(DriftScanHandler.class);
  static final int PAGE = 100;

  private final Functions fn;

  public DriftScanHandler() {
    this(Functions.fromEnvironment(System.getenv()));
  }

  public DriftScanHandler(Functions fn) {
    this.fn = fn;
    Priming.register();
  }

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    Instant at = event.getTime() == null ? fn.clock().instant()
        : Instant.ofEpochMilli(event.getTime().getMillis());
    String minute = at.truncatedTo(ChronoUnit.MINUTES).toString();
    int count = 0;
    String token = null;
    do {
      ApplicationStore.Page page = fn.parts().applications().list(token, PAGE);
      for (String app : page.names()) {
        fn.queue().enqueue(new SyncMessage(app, Trigger.SCHEDULE, null, at), "scan-" + app + "-" + minute);
        count++;
      }
      token = page.next();
    } while (token != null);
    LOG.info("drift scan {}: {} application(s) enqueued", minute, count);
    return "enqueued " + count;
  }
}
