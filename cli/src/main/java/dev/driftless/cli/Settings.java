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
 * The effective settings of one run: options first, then the environment, then
 * {@code ~/.config/driftless/config} (a properties file with {@code server}, {@code region}, {@code output}).
 */
record Settings(URI server, String region, GlobalOptions.Format output, boolean color) {

  static final String CONFIG = ".config/driftless/config";
  private static final Pattern FUNCTION_URL_REGION = Pattern.compile("\\.lambda-url\\.([a-z0-9-]+)\\.on\\.aws$");

  static Settings resolve(GlobalOptions o, Terminal t) {
    Properties config = config(t.home().resolve(CONFIG));
    String server = first(o.server, t.env().get("DRIFTLESS_SERVER"), config.getProperty("server"));
    if (server == null) {
      throw new CliException("no server: pass --server <url>, set DRIFTLESS_SERVER, or put server=<url> in ~/"
          + CONFIG, 2);
    }
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
    String region = first(o.region, regionOf(uri), t.env().get("AWS_REGION"), t.env().get("AWS_DEFAULT_REGION"),
        config.getProperty("region"));
    GlobalOptions.Format output = o.output;
    if (output == null && config.getProperty("output") != null) {
      try {
        output = GlobalOptions.Format.valueOf(config.getProperty("output").strip());
      } catch (IllegalArgumentException e) {
        throw new CliException("~/" + CONFIG + ": output must be table, json or yaml", 2);
      }
    }
    boolean color = !o.noColor && t.interactive() && t.env().get("NO_COLOR") == null;
    return new Settings(uri, region, output == null ? GlobalOptions.Format.table : output, color);
  }

  /** Loopback http is the local runner: called unsigned. Anything else is signed. */
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
