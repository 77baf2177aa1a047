package dev.driftless.cli;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The named Driftless APIs a user talks to, and which one commands use when nothing else names a server: what
 * {@code ~/.config/driftless/contexts.yaml} holds. Values: each change returns a new one for {@link ContextFile}
 * to write.
 */
record Contexts(String current, SortedMap<String, Context> contexts) {

  /** One API: its URL and, optionally, the region to sign for. */
  record Context(String server, String region) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  static final Contexts NONE = new Contexts(null, new TreeMap<>());

  Contexts {
    contexts = Collections.unmodifiableSortedMap(new TreeMap<>(contexts));
  }

  /** The context called {@code name}; an unknown name is a usage error that lists the known ones. */
  Context named(String name) {
    Context c = contexts.get(name);
    if (c == null) {
      throw new CliException("no context " + name + ": " + (contexts.isEmpty()
          ? "none is defined (add one with driftless context add NAME --server URL)"
          : "known contexts are " + String.join(", ", contexts.keySet())), 2);
    }
    return c;
  }

  /** Adds or replaces {@code name}; the first context added becomes the current one. */
  Contexts with(String name, Context context) {
    if (!NAME.matcher(name).matches()) {
      throw new CliException("context name " + name + " must be 1 to 63 letters, digits, '.', '_' or '-', "
          + "starting with a letter or digit", 2);
    }
    SortedMap<String, Context> all = new TreeMap<>(contexts);
    all.put(name, context);
    return new Contexts(current == null ? name : current, all);
  }

  Contexts using(String name) {
    named(name);
    return new Contexts(name, contexts);
  }

  /** Removes {@code name}; removing the current context leaves none current. */
  Contexts without(String name) {
    named(name);
    SortedMap<String, Context> all = new TreeMap<>(contexts);
    all.remove(name);
    return new Contexts(name.equals(current) ? null : current, all);
  }
}
