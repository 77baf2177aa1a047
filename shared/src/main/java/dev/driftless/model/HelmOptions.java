package dev.driftless.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argo CD's further {@code spec.source.helm} options. Each reaches {@code helm template}'s command line inside its
 * own flag, so registration and render both hold the names, versions and namespace to the forms below.
 *
 * @param fileParameters {@code --set-file} values: a parameter name and a file inside the repository, relative
 *     to the chart directory
 * @param skipCrds leave the chart's {@code crds/} out of the render
 * @param ignoreMissingValueFiles skip a value file that does not exist instead of failing
 * @param namespace the namespace helm renders for, in place of the destination's (null: the destination's)
 * @param apiVersions what {@code .Capabilities.APIVersions} holds besides the built-in versions
 * @param kubeVersion the Kubernetes version charts see, in place of the destination cluster's (null: the cluster's)
 */
public record HelmOptions(Map<String, String> fileParameters, boolean skipCrds, boolean ignoreMissingValueFiles,
    String namespace, List<String> apiVersions, String kubeVersion) {

  public static final HelmOptions NONE = new HelmOptions(Map.of(), false, false, null, List.of(), null);

  /** A version as an API server's /version reports it: {@code v1.34.4}, {@code 1.29}, {@code v1.29.6-eks-db838b0}. */
  private static final Pattern KUBE_VERSION = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?([-+][0-9A-Za-z.+-]*)?");
  /** {@code group/version} or {@code group/version/Kind} as helm's {@code --api-versions} takes them ({@code v1}). */
  private static final Pattern API_VERSION =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(/[A-Za-z0-9][A-Za-z0-9.-]*){0,2}");

  public HelmOptions {
    fileParameters = fileParameters == null ? Map.of() : Map.copyOf(fileParameters);
    apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
  }

  public static boolean isKubeVersion(String version) {
    return version != null && KUBE_VERSION.matcher(version).matches();
  }

  public static boolean isApiVersion(String apiVersion) {
    return apiVersion != null && API_VERSION.matcher(apiVersion).matches();
  }
}
