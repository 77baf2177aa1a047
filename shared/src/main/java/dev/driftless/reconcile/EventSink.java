package dev.driftless.reconcile;

import java.util.Map;

/** Where drift and operation events go (an EventBridge bus in AWS). Details hold no secret values. */
public interface EventSink {

  void emit(String detailType, Map<String, Object> detail);
}
