package dev.driftless.access;

import dev.driftless.glob.Glob;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The principal a binding names, as a glob over the {@link Principal}'s resolved ARN. A role ARN with a path
 * ({@code arn:aws:iam::ACCT:role/some/path/ROLE}) is compared without its path, because callers' assumed-role
 * ARNs carry none; a path with a glob in it (or a glob after a path) could then match roles outside the path,
 * so it is refused. A role name glob without a path ({@code role/platform-*}) matches those names whatever
 * their path. An assumed-role or other STS ARN is refused: name the role.
 */
public record PrincipalPattern(String text, Glob glob) {

  private static final Pattern ROLE_WITH_PATH = Pattern.compile("(arn:[^:]*:iam::[^:]*:role/)(.+/)([^/]+)");

  /** Parses one pattern; the message of the exception says what is wrong, without naming the field. */
  public static PrincipalPattern parse(String text) {
    String t = text.strip();
    if (t.equals("*")) return new PrincipalPattern(t, Glob.starOnly(t));
    String[] parts = t.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || parts[5].isEmpty()) {
      throw new InvalidAccessPolicyException("must be an IAM ARN (arn:aws:iam::ACCOUNT:role/NAME, "
          + ":user/NAME or :root) or *, not " + t);
    }
    if (parts[2].equals("sts")) {
      throw new InvalidAccessPolicyException("name the role (arn:" + parts[1] + ":iam::" + parts[4]
          + ":role/NAME), not an STS session: callers' sessions resolve to their role");
    }
    if (!parts[2].equals("iam") || !parts[3].isEmpty()) {
      throw new InvalidAccessPolicyException("must be an IAM ARN (service iam, no region), not " + t);
    }
    Matcher m = ROLE_WITH_PATH.matcher(t);
    if (m.matches()) {
      if (m.group(2).contains("*") || m.group(3).contains("*")) {
        throw new InvalidAccessPolicyException("a role path cannot hold or precede a glob (" + t + "): callers'"
            + " assumed-role ARNs carry no path, so the glob would match roles outside it; name the role exactly "
            + "or drop the path");
      }
      return new PrincipalPattern(t, Glob.starOnly(m.group(1) + m.group(3)));
    }
    return new PrincipalPattern(t, Glob.starOnly(t));
  }

  public boolean matches(Principal p) {
    return !p.anonymous() && glob.matches(p.arn());
  }

  @Override
  public String toString() {
    return text;
  }
}
