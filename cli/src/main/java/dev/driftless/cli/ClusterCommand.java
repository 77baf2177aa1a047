package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless cluster ...}: cluster registrations (references to credentials, never credentials). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Register, list and remove the clusters Applications deploy to.",
    subcommands = {ClusterCommand.Add.class, ClusterCommand.ListClusters.class, ClusterCommand.Remove.class})
final class ClusterCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  enum Auth { eks, token, kubeconfig }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Register a cluster, or replace its registration.",
          "Credentials stay in AWS: token and kubeconfig name a Secrets Manager secret; eks makes short-lived "
              + "tokens from the functions' own AWS identity."},
      footer = {"%nExamples:",
          "  driftless cluster add prod --auth eks --server https://ABC.gr7.eu-west-1.eks.amazonaws.com \\",
          "      --ca-file ca.pem --eks-cluster-name prod --cluster-region eu-west-1",
          "  driftless cluster add lab --auth kubeconfig --secret-id clusters/lab"})
  static final class Add extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The cluster's name, as Applications' destination.cluster names it.")
    String name;

    @Option(names = "--auth", required = true, paramLabel = "<method>",
        description = "How Driftless authenticates: ${COMPLETION-CANDIDATES}.")
    Auth auth;

    @Option(names = "--server", paramLabel = "<url>",
        description = "The cluster's API server URL (required unless --auth kubeconfig). This --server is the "
            + "cluster's: the Driftless API's goes before 'cluster' (driftless --server <url> cluster add ...).")
    String server;

    @Option(names = "--secret-id", paramLabel = "<id>",
        description = "Secrets Manager id of the bearer token (--auth token) or the kubeconfig (--auth kubeconfig).")
    String secretId;

    @Option(names = "--ca-data", paramLabel = "<base64>", description = "The API server's CA bundle, base64 PEM.")
    String caData;

    @Option(names = "--ca-file", paramLabel = "<file>", description = "The API server's CA bundle as a PEM file.")
    Path caFile;

    @Option(names = "--eks-cluster-name", paramLabel = "<name>", description = "The EKS cluster's name (--auth eks).")
    String eksClusterName;

    @Option(names = "--role-arn", paramLabel = "<arn>",
        description = "An IAM role to assume before making EKS tokens (--auth eks; optional).")
    String roleArn;

    @Option(names = "--cluster-region", paramLabel = "<region>",
        description = "The EKS cluster's AWS region (--auth eks; default: the functions' region).")
    String clusterRegion;

    @Option(names = "--label", paramLabel = "<key=value>",
        description = "A label ApplicationSets' clusters generators select on (repeatable).")
    Map<String, String> labels;

    @Override
    public Integer call() {
      ObjectNode body = ApiClient.JSON.createObjectNode().put("auth", auth.name());
      if (labels != null) labels.forEach(body.putObject("labels")::put);
      if (caFile != null) {
        if (caData != null) throw new CliException("give --ca-data or --ca-file, not both", 2);
        try {
          caData = Base64.getEncoder().encodeToString(Files.readString(caFile).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new CliException("cannot read " + caFile + ": " + e.getMessage(), 2);
        }
      }
      putIf(body, "server", server);
      putIf(body, "secretId", secretId);
      putIf(body, "caData", caData);
      putIf(body, "eksClusterName", eksClusterName);
      putIf(body, "roleArn", roleArn);
      putIf(body, "region", clusterRegion);
      ApiClient.Answer a = client().send("PUT", "/api/clusters/" + ApiClient.encode(name), body.toString(),
          "application/json", Map.of());
      if (output().structured(a.body())) return 0;
      out().println("cluster " + name + " " + (a.status() == 201 ? "registered" : "replaced") + " (auth "
          + auth + ")");
      out().flush();
      return 0;
    }

    private static void putIf(ObjectNode n, String field, String value) {
      if (value != null) n.put(field, value);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered clusters.")
  static final class ListClusters extends Leaf {

    @Override
    public Integer call() {
      JsonNode a = client().get("/api/clusters");
      if (output().structured(a)) return 0;
      Output.Table t = new Output.Table("NAME", "AUTH", "SERVER", "CREDENTIALS");
      for (JsonNode c : a.path("items")) {
        String creds = Output.text(c, "secretId") != null ? "secret " + Output.text(c, "secretId")
            : "eks " + Output.text(c, "eksClusterName") + (Output.text(c, "roleArn") == null ? ""
                : " as " + Output.text(c, "roleArn"));
        t.row(Output.text(c, "name"), Output.text(c, "auth"), Output.text(c, "server"), creds);
      }
      t.printOr(out(), "No clusters registered.");
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a cluster's registration; nothing in the cluster is touched.")
  static final class Remove extends Leaf {

    @Parameters(paramLabel = "NAME", description = "The cluster's name.")
    String name;

    @Override
    public Integer call() {
      JsonNode a = client().send("DELETE", "/api/clusters/" + ApiClient.encode(name), null, null, Map.of()).body();
      if (output().structured(a)) return 0;
      out().println("cluster " + name + " removed; nothing in the cluster was touched");
      out().flush();
      return 0;
    }
  }
}
