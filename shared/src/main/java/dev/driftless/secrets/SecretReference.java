package dev.driftless.secrets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Secrets Manager reference in CloudFormation's dynamic-reference syntax:
 * {@code {{resolve:secretsmanager:<id>[:SecretString[:<json-key>[:<version-stage>[:<version-id>]]]]}}}.
 * The id is a name or a full ARN ({@code arn:aws:secretsmanager:region:account:secret:name-AbCdEf}, whose
 * colons belong to it); an empty json-key means the whole secret string; version stage and version id are
 * optional, empty allowed, not both. The reference text is not a value: it may be printed.
 */
public record SecretReference(String text, String secretId, String jsonKey, String versionStage, String versionId) {

  /** Any dynamic reference, of any service, so that unsupported ones are refused rather than applied as text. */
  static final Pattern ANY = Pattern.compile("\\{\\{resolve:([A-Za-z0-9-]+):([^{}]*)}}");

  private static final int ARN_PARTS = 7;

  public SecretReference {
    jsonKey = jsonKey == null || jsonKey.isEmpty() ? null : jsonKey;
    versionStage = versionStage == null || versionStage.isEmpty() ? null : versionStage;
    versionId = versionId == null || versionId.isEmpty() ? null : versionId;
  }

  /** The secret version the reference reads. */
  public SecretVersion version() {
    return new SecretVersion(secretId, versionStage, versionId);
  }

  /** Every reference in the text, in order; a malformed one or another service's is an error. */
  public static List<SecretReference> findAll(String text) {
    List<SecretReference> refs = new ArrayList<>();
    if (text == null || !text.contains("{{resolve:")) {
      return refs;
    }
    Matcher m = ANY.matcher(text);
    while (m.find()) {
      refs.add(parse(m.group()));
    }
    return refs;
  }

  /** True when the whole text is exactly one reference. */
  public static boolean isWhole(String text) {
    return text != null && ANY.matcher(text).matches();
  }

  /**
   * Parses one reference, {@code {{resolve:secretsmanager:...}}}.
   *
   * @throws IllegalArgumentException naming what is wrong with it (the text is a reference, never a value)
   */
  public static SecretReference parse(String text) {
    Matcher m = ANY.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a dynamic reference");
    }
    if (!"secretsmanager".equals(m.group(1))) {
      throw new IllegalArgumentException("only secretsmanager references are supported, not " + m.group(1));
    }
    String[] parts = m.group(2).split(":", -1);
    int idParts = "arn".equals(parts[0]) ? ARN_PARTS : 1;
    if (parts.length < idParts) {
      throw new IllegalArgumentException("the secret ARN is incomplete (arn:partition:secretsmanager:region:account:secret:name)");
    }
    String id = String.join(":", Arrays.copyOfRange(parts, 0, idParts));
    if (id.isBlank() || (idParts == ARN_PARTS && (!"secretsmanager".equals(parts[2]) || !"secret".equals(parts[5])
        || parts[6].isBlank()))) {
      throw new IllegalArgumentException("the secret id is missing or not a Secrets Manager secret ARN");
    }
    String[] rest = Arrays.copyOfRange(parts, idParts, parts.length);
    if (rest.length > 4) {
      throw new IllegalArgumentException("too many fields: expected <id>:SecretString:<json-key>:<version-stage>:<version-id>");
    }
    if (rest.length > 0 && !"SecretString".equals(rest[0])) {
      throw new IllegalArgumentException("the field after the secret id must be SecretString, not " + rest[0]);
    }
    String key = rest.length > 1 ? rest[1] : null;
    String stage = rest.length > 2 ? rest[2] : null;
    String versionId = rest.length > 3 ? rest[3] : null;
    if (stage != null && !stage.isEmpty() && versionId != null && !versionId.isEmpty()) {
      throw new IllegalArgumentException("give a version stage or a version id, not both");
    }
    return new SecretReference(text, id, key, stage, versionId);
  }

  @Override
  public String toString() {
    return text;
  }
}
