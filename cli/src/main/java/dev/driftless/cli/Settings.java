package dev.driftless.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective settings of one run. The server is the first found of: {@code --server} or {@code --context},
 * {@code DRIFTLESS_SERVER} or {@code DRIFTLESS_CONTEXT}, the current context of
 * {@code ~/.config/driftless/contexts.yaml}, and {@code server} in {@code ~/.config/driftless/config} (a
 * properties file with {@code server}, {@code region}, {@code output}, read as before contexts existed).
 */
record Settings(URI server, String region, GlobalOptions.Format output, boolean color, String as) {

  static final String CONFIG = ".config/driftless/config";
  private static final Pattern FUNCTION_URL_REGION = Pattern.compile("\\.lambda-url\\.([a-z0-9-]+)\\.on\\.aws$");

  static Settings resolve(GlobalOptions o, Terminal t) {
    Properties config = config(t.home().resolve(CONFIG));
    Contexts.Context target = target(o, t, config);
    URI uri = serverUrl(target.server());
    // A context's region belongs to its server; the environment's and the old file's are anyone's.
    String region = first(o.region, target.region(), regionOf(uri), t.env().get("AWS_REGION"),
        t.env().get("AWS_DEFAULT_REGION"), config.getProperty("region"));
    boolean color = !o.noColor && t.interactive() && t.env().get("NO_COLOR") == null;
    return new Settings(uri, region, output(o, config), color, first(o.as, t.env().get("DRIFTLESS_AS")));
  }

  /** The output format alone, for commands that call no server. */
  static GlobalOptions.Format output(GlobalOptions o, Terminal t) {
    return output(o, config(t.home().resolve(CONFIG)));
  }

  /** An http:// or https:// URL, without a trailing slash. */
  static URI serverUrl(String server) {
    URI uri;
    try {
      uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
    } catch (IllegalArgumentException e) {
      throw new CliException("server " + server + " is not a URL", 2);
    }
    if (uri.getScheme() == null || uri.getHost() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
      throw new CliException("server " + server + " must be an http:// or https:// URL", 2);
    }
    return uri;
  }

  /** The server to call, and the region its context names, if it comes from one. */
  private static Contexts.Context target(GlobalOptions o, Terminal t, Properties config) {
    String server = first(o.server);
    String context = first(o.context);
    if (server == null && context == null) {
      server = first(t.env().get("DRIFTLESS_SERVER"));
      context = first(t.env().get("DRIFTLESS_CONTEXT"));
      if (server != null && context != null) {
        throw new CliException("DRIFTLESS_SERVER and DRIFTLESS_CONTEXT are both set: unset one, or pass --server "
            + "or --context", 2);
      }
    } else if (server != null && context != null) {
      throw new CliException("give --server or --context, not both", 2);
    }
    if (server != null) return new Contexts.Context(server, null);
    Contexts contexts = ContextFile.read(t.home());
    if (context == null) context = contexts.current();
    if (context != null) return contexts.named(context);
    server = first(config.getProperty("server"));
    if (server == null) {
      throw new CliException("no server: pass --server <url> or --context <name>, set DRIFTLESS_SERVER, add a "
          + "context (driftless context add NAME --server URL), or put server=<url> in ~/" + CONFIG, 2);
    }
    return new Contexts.Context(server, null);
  }

  private static GlobalOptions.Format output(GlobalOptions o, Properties config) {
    if (o.output != null) return o.output;
    if (config.getProperty("output") == null) return GlobalOptions.Format.table;
    try {
      return GlobalOptions.Format.valueOf(config.getProperty("output").strip());
    } catch (IllegalArgumentException e) {
      throw new CliException("~/" + CONFIG + ": output must be table, json or yaml", 2);
    }
  }

  /**
   * Loopback http is the local runner: called unsigned. Anything else is signed. The caller named by {@code --as}
   * travels only to the local runner: a deployment knows its caller from the signature alone.
   */
  boolean signed() {
    return !(server.getScheme().equals("http") && isLoopback(server.getHost()));
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1")
        || host.startsWith("127.");
  }

  static String regionOf(URI uri) {
    Matcher m = FUNCTION_URL_REGION.matcher(uri.getHost());
    return m.find() ? m.group(1) : null;
  }

  private static Properties config(Path file) {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
      }
    }
    return p;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) return v.strip();
    }
    return null;
  }
}
