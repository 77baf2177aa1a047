package dev.driftless.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who calls, as the access policy sees it: the IAM ARN the Function URL's authorizer names, resolved to the
 * identity a binding names. An assumed-role session ({@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION})
 * becomes its role without a path ({@code arn:aws:iam::ACCT:role/ROLE}: the session ARN does not carry the
 * path, and a role name is unique within its account whatever its path); a role ARN loses its path the same
 * way; an IAM user keeps its full ARN (path included); {@code arn:aws:iam::ACCT:root} is the account root.
 * Anything else (a federated user, a caller id, text that is no ARN) is anonymous and matches no binding.
 */
public record Principal(String arn) {

  public static final Principal ANONYMOUS = new Principal(null);

  private static final String PARTITION = "(aws|aws-cn|aws-us-gov)";
  private static final String ACCOUNT = "(\\d{12})";
  private static final String NAME = "[\\w+=,.@-]{1,64}";
  private static final Pattern ASSUMED_ROLE = Pattern.compile(
      "arn:" + PARTITION + ":sts::" + ACCOUNT + ":assumed-role/(" + NAME + ")/[\\w+=,.@-]{2,64}");
  private static final Pattern ROLE = Pattern.compile(
      "arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/(?:[\\x21-\\x7e&&[^/]]+/){0,32}(" + NAME + ")");
  private static final Pattern USER = Pattern.compile(
      "arn:" + PARTITION + ":iam::" + ACCOUNT + ":user/(?:[\\x21-\\x7e&&[^/]]+/){0,32}" + NAME);
  private static final Pattern ROOT = Pattern.compile("arn:" + PARTITION + ":iam::" + ACCOUNT + ":root");

  /** Resolves the authorizer's caller; null, blank or unparsable is {@link #ANONYMOUS}. */
  public static Principal resolve(String caller) {
    if (caller == null) return ANONYMOUS;
    String c = caller.strip();
    Matcher m = ASSUMED_ROLE.matcher(c);
    if (!m.matches()) m = ROLE.matcher(c);
    if (m.matches()) return role(m.group(1), m.group(2), m.group(3));
    if (USER.matcher(c).matches() || ROOT.matcher(c).matches()) return new Principal(c);
    return ANONYMOUS;
  }

  static Principal role(String partition, String account, String name) {
    return new Principal("arn:" + partition + ":iam::" + account + ":role/" + name);
  }

  public boolean anonymous() {
    return arn == null;
  }

  @Override
  public String toString() {
    return anonymous() ? "anonymous" : arn;
  }
}
