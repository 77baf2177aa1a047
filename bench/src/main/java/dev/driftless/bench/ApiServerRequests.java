package dev.driftless.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests an API server has served, read from its own count ({@code apiserver_request_total} on
 * {@code /metrics}), by verb and resource. Counting at the server sees every request whichever client sent it,
 * so the local control plane's own traffic (kwok's node heartbeats and leases, the controllers) is in it too:
 * {@link #BACKGROUND} names the resources that traffic uses and that Driftless never touches here.
 */
final class ApiServerRequests {

  /** Resources only the control plane's own components use during a scan of ConfigMaps. */
  static final Set<String> BACKGROUND = Set.of("leases", "nodes", "pods", "events",
      "endpointslices", "endpoints", "replicasets", "deployments", "serviceaccounts", "secrets");

  private static final Pattern VERB = Pattern.compile("verb=\"([^\"]*)\"");
  private static final Pattern RESOURCE = Pattern.compile("resource=\"([^\"]*)\"");

  private ApiServerRequests() {}

  /** Requests served so far, keyed "VERB resource" (resource empty for non-resource paths such as /version). */
  static Map<String, Long> read(KubernetesClient client) {
    Map<String, Long> out = new TreeMap<>();
    for (String line : client.raw("/metrics").split("\n")) {
      if (!line.startsWith("apiserver_request_total{")) continue;
      Matcher verb = VERB.matcher(line);
      Matcher resource = RESOURCE.matcher(line);
      String key = (verb.find() ? verb.group(1) : "?") + " " + (resource.find() ? resource.group(1) : "");
      out.merge(key.strip(), (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum);
    }
    return out;
  }

  /** The counts that moved between two reads. */
  static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d > 0) out.put(k, d);
    });
    return out;
  }

  /**
   * Whether a "VERB resource" key is the control plane's own traffic: a resource of {@link #BACKGROUND}, or a WATCH
   * (the controllers re-open theirs now and then; Driftless opens none).
   */
  static boolean background(String key) {
    int space = key.indexOf(' ');
    return key.startsWith("WATCH") || space > 0 && BACKGROUND.contains(key.substring(space + 1));
  }
}
