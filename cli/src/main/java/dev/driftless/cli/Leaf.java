package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that calls the API shares: settings, the client, output. */
abstract class Leaf implements Callable<Integer> {

  @Spec CommandSpec spec;

  private Settings settings;
  private ApiClient client;

  Terminal terminal() {
    return ((Main) spec.root().userObject()).terminal;
  }

  Settings settings() {
    if (settings == null) settings = Settings.resolve(((Main) spec.root().userObject()).globals, terminal());
    return settings;
  }

  ApiClient client() {
    if (client == null) {
      Settings s = settings();
      RequestSigner signer = null;
      if (s.signed()) {
        if (s.as() != null) {
          throw new CliException("--as (or DRIFTLESS_AS) acts as a principal against the local runner only; "
              + s.server() + " is a deployment, which knows the caller from the request's AWS signature: call it "
              + "with that principal's AWS credentials instead", 2);
        }
        if (s.region() == null) {
          throw new CliException("no AWS region to sign requests for " + s.server() + ": pass --region or set "
              + "AWS_REGION", 2);
        }
        signer = new RequestSigner(SigningCredentials.of(terminal()), s.region(), terminal().clock());
      }
      client = new ApiClient(s.server(), signer, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .build(), s.as());
    }
    return client;
  }

  Output output() {
    return new Output(out(), settings().output());
  }

  PrintWriter out() {
    return terminal().out();
  }

  PrintWriter err() {
    return terminal().err();
  }

  /**
   * Every item of a paged list ({@code limit} 0), or the first {@code limit}, fetched page by page; null when the
   * output format is JSON or YAML, in which case they were printed as {@code {"items": [...]}} and the caller's table
   * is not wanted.
   */
  ArrayNode listed(String path, int limit) {
    ArrayNode all = listAll(path, limit);
    ObjectNode answer = ApiClient.JSON.createObjectNode();
    answer.set("items", all);
    return output().structured(answer) ? null : all;
  }

  /**
   * Registers the document of {@code options}' file at {@code path} of its name (replacing a stored one only as the
   * options allow) and says so: {@code <kind> <name> created|replaced (version n)<note>}; null when the output
   * format printed the API's answer instead.
   */
  ApiClient.Answer register(DocumentOptions options, String kind, UnaryOperator<String> path, String note) {
    DocumentFile document = DocumentFile.read(options.file);
    ApiClient.Answer a = options.put(client(), document, path.apply(document.requireName()));
    if (output().structured(a.body())) return null;
    out().println(kind + " " + document.name() + " " + (a.status() == 201 ? "created" : "replaced") + " (version "
        + a.body().path("version").asLong() + ")" + note);
    out().flush();
    return a;
  }

  private ArrayNode listAll(String path, int limit) {
    ArrayNode all = ApiClient.JSON.createArrayNode();
    String next = null;
    do {
      int page = limit > 0 ? Math.min(100, limit - all.size()) : 100;
      JsonNode body = client().get(path + "?limit=" + page + (next == null ? "" : "&next=" + ApiClient.encode(next)));
      body.path("items").forEach(all::add);
      next = Output.text(body, "next");
    } while (next != null && (limit == 0 || all.size() < limit));
    return all;
  }

  static String app(String name) {
    return "/api/applications/" + ApiClient.encode(name);
  }
}
