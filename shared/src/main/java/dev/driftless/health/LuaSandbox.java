package dev.driftless.health;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs a compiled Lua chunk with nothing but computation: the base functions less those that reach files, load
 * code or print ({@code dofile}, {@code loadfile}, {@code load}, {@code require}, {@code print},
 * {@code collectgarbage}), and the {@code string} (less {@code dump}), {@code table}, {@code math} and
 * {@code bit32} libraries. There is no {@code io}, {@code os}, {@code luajava}, {@code debug}, {@code package} or
 * {@code coroutine} (luaj runs coroutines on threads of their own).
 *
 * <p>Each run has fresh globals and three bounds, checked before every instruction by a debug hook the script
 * cannot reach: {@value #MAX_INSTRUCTIONS} instructions, {@link #MAX_TIME} of wall time, and
 * {@value #MAX_ALLOCATED_BYTES} bytes allocated by the running thread. The two library calls that can build a
 * large string in one instruction ({@code string.rep}, {@code table.concat}) refuse results over
 * {@value #MAX_STRING_BYTES} bytes. A bound reached throws {@link LimitReached}, an {@link Error} that the
 * script's {@code pcall} cannot catch.
 */
final class LuaSandbox {

  static final int MAX_INSTRUCTIONS = 1_000_000;
  static final Duration MAX_TIME = Duration.ofSeconds(1);
  static final long MAX_ALLOCATED_BYTES = 64L << 20;
  static final int MAX_STRING_BYTES = 1 << 20;

  private static final String[] UNSAFE_GLOBALS = {"dofile", "loadfile", "load", "loadstring", "require",
      "print", "collectgarbage", "debug", "package", "module"};

  static {
    // luaj's StringLib keeps the metatable of all strings in a static field, set by the first library loaded.
    // Set it first, over a string library of our own that no script can reach (__metatable hides it), so
    // that ("x"):rep(n) is bounded too and one script's changes to its string table never reach another's.
    if (LuaString.s_metatable == null) {
      Globals shared = new Globals();
      shared.load(new PackageLib());
      shared.load(new StringLib());
      LuaTable string = (LuaTable) shared.get("string");
      bound(string);
      LuaTable meta = new LuaTable();
      meta.set(LuaValue.INDEX, string);
      meta.set(LuaValue.METATABLE, LuaValue.valueOf("string"));
      LuaString.s_metatable = meta;
    }
  }

  /** A bound reached by a script: the script is stopped wherever it is. */
  static final class LimitReached extends Error {
    private static final long serialVersionUID = 1L;

    LimitReached(String message) {
      super(message, null, false, false);
    }
  }

  private LuaSandbox() {}

  /** Compiles the script once; the prototype is immutable and shared by every run. */
  static Prototype compile(String script, String chunkName) throws IOException {
    return LuaC.instance.compile(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), chunkName);
  }

  /** Runs the chunk with {@code obj} bound and returns what it returned. */
  static Varargs run(Prototype chunk, LuaValue obj) {
    Globals globals = globals();
    globals.set("obj", obj);
    Budget budget = new Budget();
    globals.running.state.hookfunc = budget;
    globals.running.state.hookcount = 1;
    return new LuaClosure(chunk, globals).invoke(LuaValue.NONE);
  }

  private static Globals globals() {
    Globals g = new Globals();
    g.load(new BaseLib());
    // The libraries register themselves in package.loaded; package and require are removed below.
    g.load(new PackageLib());
    g.load(new Bit32Lib());
    g.load(new TableLib());
    g.load(new StringLib());
    g.load(new JseMathLib());
    // Loaded for its instruction hook only (Globals.debuglib); the table is removed below.
    g.load(new DebugLib());
    for (String name : UNSAFE_GLOBALS) {
      g.set(name, LuaValue.NIL);
    }
    bound((LuaTable) g.get("string"));
    LuaTable table = (LuaTable) g.get("table");
    table.set("concat", new BoundedConcat(table.get("concat")));
    return g;
  }

  private static void bound(LuaTable string) {
    string.set("dump", LuaValue.NIL);
    string.set("rep", new BoundedRep(string.get("rep")));
  }

  /** The instruction hook: counts, and checks the clock and the thread's allocations. */
  private static final class Budget extends TwoArgFunction {
    private static final ThreadMXBean THREADS = threads();

    private final long deadline = System.nanoTime() + MAX_TIME.toNanos();
    private final long allocatedAtStart = allocated();
    private int instructions;

    @Override
    public LuaValue call(LuaValue event, LuaValue line) {
      if (++instructions > MAX_INSTRUCTIONS) {
        throw new LimitReached("ran more than " + MAX_INSTRUCTIONS + " instructions");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new LimitReached("ran longer than " + MAX_TIME.toMillis() + " ms");
      }
      if (allocatedAtStart >= 0 && allocated() - allocatedAtStart > MAX_ALLOCATED_BYTES) {
        throw new LimitReached("allocated more than " + (MAX_ALLOCATED_BYTES >> 20) + " MiB");
      }
      return LuaValue.NONE;
    }

    private static long allocated() {
      return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static ThreadMXBean threads() {
      if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean t
          && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
        return t;
      }
      return null;
    }
  }

  /** {@code string.rep} that refuses a result over {@link #MAX_STRING_BYTES}. */
  private static final class BoundedRep extends VarArgFunction {
    private final LuaValue rep;

    BoundedRep(LuaValue rep) {
      this.rep = rep;
    }

    @Override
    public Varargs invoke(Varargs args) {
      long size = (long) args.checkstring(1).length() * Math.max(0, args.checkint(2));
      if (size > MAX_STRING_BYTES) {
        throw new LimitReached("string.rep would build " + size + " bytes (at most " + MAX_STRING_BYTES + ")");
      }
      return rep.invoke(args);
    }
  }

  /** {@code table.concat} that refuses a result over {@link #MAX_STRING_BYTES}. */
  private static final class BoundedConcat extends VarArgFunction {
    private final LuaValue concat;

    BoundedConcat(LuaValue concat) {
      this.concat = concat;
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaTable list = args.checktable(1);
      long sep = args.isnoneornil(2) ? 0 : args.checkstring(2).length();
      int from = args.optint(3, 1);
      int to = args.isnoneornil(4) ? list.length() : args.checkint(4);
      long size = 0;
      for (long i = from; i <= to && size <= MAX_STRING_BYTES; i++) {
        LuaValue item = list.get((int) i);
        if (!item.isstring()) {
          break; // concat itself rejects the item
        }
        size += item.strvalue().length() + sep;
      }
      if (size > MAX_STRING_BYTES) {
        throw new LimitReached("table.concat would build more than " + MAX_STRING_BYTES + " bytes");
      }
      return concat.invoke(args);
    }
  }
}
