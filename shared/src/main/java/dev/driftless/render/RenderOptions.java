package dev.driftless.render;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to render: where the pinned tools are, how long a tool may run, how large a document and a whole
 * render may be, and the Kubernetes version of the destination cluster (for Helm's {@code --kube-version};
 * null leaves Helm's default).
 *
 * <p>The tools are named by path; a bare name ({@code kustomize}, {@code helm}, {@code jsonnet}) is looked up on
 * this process's PATH. go-jsonnet's {@code jsonnet-deps} is expected beside {@code jsonnet}.
 */
public record RenderOptions(
    Path kustomize,
    Path helm,
    Duration timeout,
    long maxDocumentBytes,
    long maxRenderBytes,
    int maxAliases,
    int maxNestingDepth,
    String kubeVersion,
    Path jsonnet) {

  public static final long MIB = 1024L * 1024L;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 5 * MIB;
  public static final long DEFAULT_MAX_RENDER_BYTES = 50 * MIB;
  public static final int DEFAULT_MAX_ALIASES = 50;
  public static final int DEFAULT_MAX_NESTING_DEPTH = 100;

  public RenderOptions {
    kustomize = kustomize == null ? Path.of("kustomize") : kustomize;
    helm = helm == null ? Path.of("helm") : helm;
    timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
    maxDocumentBytes = maxDocumentBytes <= 0 ? DEFAULT_MAX_DOCUMENT_BYTES : maxDocumentBytes;
    maxRenderBytes = maxRenderBytes <= 0 ? DEFAULT_MAX_RENDER_BYTES : maxRenderBytes;
    maxAliases = maxAliases <= 0 ? DEFAULT_MAX_ALIASES : maxAliases;
    maxNestingDepth = maxNestingDepth <= 0 ? DEFAULT_MAX_NESTING_DEPTH : maxNestingDepth;
    kubeVersion = kubeVersion == null || kubeVersion.isBlank() ? null : kubeVersion;
    jsonnet = jsonnet == null ? Path.of("jsonnet") : jsonnet;
  }

  /** Every default: tools from PATH, 60 s per tool run, 5 MiB a document, 50 MiB a render. */
  public static RenderOptions defaults() {
    return new RenderOptions(null, null, null, 0, 0, 0, 0, null, null);
  }

  public RenderOptions withTools(Path kustomizeBinary, Path helmBinary) {
    return new RenderOptions(kustomizeBinary, helmBinary, timeout, maxDocumentBytes, maxRenderBytes, maxAliases,
        maxNestingDepth, kubeVersion, jsonnet);
  }

  public RenderOptions withTimeout(Duration limit) {
    return new RenderOptions(kustomize, helm, limit, maxDocumentBytes, maxRenderBytes, maxAliases,
        maxNestingDepth, kubeVersion, jsonnet);
  }

  public RenderOptions withSizeLimits(long documentBytes, long renderBytes) {
    return new RenderOptions(kustomize, helm, timeout, documentBytes, renderBytes, maxAliases, maxNestingDepth,
        kubeVersion, jsonnet);
  }

  public RenderOptions withKubeVersion(String version) {
    return new RenderOptions(kustomize, helm, timeout, maxDocumentBytes, maxRenderBytes, maxAliases,
        maxNestingDepth, version, jsonnet);
  }

  public RenderOptions withJsonnet(Path jsonnetBinary) {
    return new RenderOptions(kustomize, helm, timeout, maxDocumentBytes, maxRenderBytes, maxAliases,
        maxNestingDepth, kubeVersion, jsonnetBinary);
  }

  /** go-jsonnet's {@code jsonnet-deps}, which lists every file an evaluation would import, beside {@code jsonnet}. */
  public Path jsonnetDeps() {
    return jsonnet.resolveSibling("jsonnet-deps");
  }
}
