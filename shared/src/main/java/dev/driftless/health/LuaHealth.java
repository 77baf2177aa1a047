package dev.driftless.health;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

/**
 * The health of a kind from an Argo CD health script ({@code resource.customizations.health.<group_kind>} in
 * argocd-cm), pasted unchanged: the script sees the live object as {@code obj} and returns
 * {@code {status = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown", message = ...}}.
 * As in Argo CD, returning nothing or an empty table says nothing about the object (it counts as Healthy, like
 * an object without health), and a table without a valid status is Unknown.
 *
 * <p>The script is compiled once and run in {@link LuaSandbox}; a script that fails, or reaches one of the
 * sandbox's bounds, gives Unknown with the reason. Assessing never throws.
 */
final class LuaHealth implements KindHealth {

  /** The longest script accepted. */
  static final int MAX_SCRIPT_LENGTH = 64 * 1024;
  /** The longest message kept from a script or its error: health messages are stored with the status. */
  static final int MAX_MESSAGE_LENGTH = 1024;

  private final String where;
  private final Prototype chunk;

  private LuaHealth(String where, Prototype chunk) {
    this.where = where;
    this.chunk = chunk;
  }

  /**
   * Compiles the script; {@code where} names the entry in messages, and {@code origin} the document too in
   * errors.
   */
  static LuaHealth compile(String origin, String where, String script) {
    if (script.length() > MAX_SCRIPT_LENGTH) {
      throw new InvalidHealthConfigException(origin + ": " + where + ": lua is longer than " + MAX_SCRIPT_LENGTH
          + " characters");
    }
    try {
      return new LuaHealth(where, LuaSandbox.compile(script, "lua"));
    } catch (LuaError | IOException e) {
      throw new InvalidHealthConfigException(origin + ": " + where + ": lua does not compile: "
          + firstLine(e.getMessage()));
    }
  }

  @Override
  public Health assess(LiveObject live) {
    Varargs returned;
    try {
      returned = LuaSandbox.run(chunk, toLua(live.content()));
    } catch (LuaSandbox.LimitReached e) {
      return Health.unknown("Lua health script of " + where + " stopped: " + e.getMessage());
    } catch (StackOverflowError e) {
      return Health.unknown("Lua health script of " + where + " stopped: it recursed too deep");
    } catch (OutOfMemoryError e) {
      return Health.unknown("Lua health script of " + where + " stopped: out of memory");
    } catch (LuaError e) {
      return Health.unknown("Lua health script of " + where + " failed: " + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      return Health.unknown("Lua health script of " + where + " failed: " + firstLine(String.valueOf(e)));
    }
    return health(returned.arg1());
  }

  private Health health(LuaValue result) {
    if (result.isnil() || result.istable() && result.checktable().next(LuaValue.NIL).arg1().isnil()) {
      return Health.healthy("");
    }
    if (!result.istable()) {
      return Health.unknown("Lua health script of " + where + " returned a " + result.typename() + ", not a table");
    }
    LuaValue status = result.get("status");
    LuaValue message = result.get("message");
    String text = message.isstring() ? clip(message.tojstring()) : "";
    for (HealthStatus s : HealthStatus.values()) {
      if (status.isstring() && !status.isnumber() && s.displayName().equals(status.tojstring())) {
        return new Health(s, text);
      }
    }
    return Health.unknown("Lua health script of " + where + " returned an invalid health status: "
        + clip(status.isstring() ? status.tojstring() : status.typename()));
  }

  /** The object as Lua values: maps are tables by key, lists tables from 1, numbers Lua numbers. */
  static LuaValue toLua(Object value) {
    if (value instanceof Map<?, ?> map) {
      LuaTable t = new LuaTable();
      map.forEach((k, v) -> t.set(String.valueOf(k), toLua(v)));
      return t;
    }
    if (value instanceof List<?> list) {
      LuaTable t = new LuaTable(list.size(), 0);
      int i = 1;
      for (Object item : list) {
        t.set(i++, toLua(item));
      }
      return t;
    }
    if (value instanceof String s) {
      return LuaValue.valueOf(s);
    }
    if (value instanceof Boolean b) {
      return LuaValue.valueOf(b);
    }
    if (value instanceof Long n && n == n.intValue()) {
      return LuaValue.valueOf(n.intValue());
    }
    if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    return LuaValue.NIL;
  }

  private static String firstLine(String text) {
    String s = text == null ? "" : text;
    int nl = s.indexOf('\n');
    return clip(nl < 0 ? s : s.substring(0, nl));
  }

  private static String clip(String s) {
    return s.length() <= MAX_MESSAGE_LENGTH ? s : s.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }
}
