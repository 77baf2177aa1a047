package dev.driftless.model;

/**
 * What must never be printed: the secret values resolved into one operation's objects. Diffs, plan and error
 * messages, history, events, logs and API answers pass their text through it.
 */
public interface Redaction {

  /** Nothing to hide. */
  Redaction NONE = new Redaction() {
    @Override
    public String redact(String text) {
      return text;
    }

    @Override
    public boolean reveals(String text) {
      return false;
    }
  };

  /** The text with every value (and its base64 form) replaced by a mask that shows only a digest prefix. */
  String redact(String text);

  /** True when the text holds a value (or its base64 form). */
  boolean reveals(String text);
}
