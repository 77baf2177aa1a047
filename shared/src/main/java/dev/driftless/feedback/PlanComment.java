package dev.driftless.feedback;

import dev.driftless.apply.Action;
import dev.driftless.apply.Change;
import dev.driftless.apply.ChangeSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of the one comment Driftless keeps on a pull request: the hidden {@link #MARKER} that finds it again,
 * then per Application a summary line (create / configure / prune counts, objects the server rejects, policy
 * violations) and each changing object's diff folded in {@code <details>}. Everything taken from the commit or
 * the server (names, messages, diffs) is escaped so it cannot close the fold or inject markup; the body stays
 * under {@code limit} characters, folds left out are counted in a closing note.
 */
public final class PlanComment {

  public static final String MARKER = "<!-- driftless-plan -->";
  /** Under the smallest of the providers' comment limits (GitHub: 65536 characters). */
  public static final int LIMIT = 60_000;
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private PlanComment() {}

  public static String render(String headSha, List<AppPlan> plans, int limit) {
    StringBuilder head = new StringBuilder(MARKER).append("\n### Driftless plan for ")
        .append(escape(headSha)).append("\n\n");
    if (plans.isEmpty()) head.append("No registered Application is affected by this change.\n");
    for (AppPlan p : plans) head.append(summary(p));
    StringBuilder body = new StringBuilder(head);
    int left = 0;
    for (AppPlan p : plans) {
      if (p.changes() == null) continue;
      for (Change c : p.changes().changes()) {
        if (c.action() == Action.UNCHANGED) continue;
        String fold = fold(p.application(), c);
        if (left == 0 && body.length() + fold.length() + 200 <= limit) {
          body.append(fold);
        } else {
          left++;
        }
      }
    }
    if (left > 0) body.append("\n_").append(left).append(" object diff(s) left out: the comment is cut at ")
        .append(limit).append(" characters. `driftless app diff NAME --revision ").append(escape(headSha))
        .append("` shows them all._\n");
    return body.toString();
  }

  private static String summary(AppPlan p) {
    StringBuilder sb = new StringBuilder("**").append(escape(p.application())).append("** on cluster ")
        .append(escape(p.cluster())).append(": ");
    ChangeSet cs = p.changes();
    List<Change> failed = cs == null ? List.of() : cs.failures();
    if (cs != null) {
      sb.append(cs.count(Action.CREATE)).append(" to create, ").append(cs.count(Action.CONFIGURE))
          .append(" to configure, ").append(cs.count(Action.PRUNE)).append(" to prune, ");
    } else {
      sb.append("no plan, ");
    }
    sb.append(failed.size() + p.rejections().size()).append(" rejected, ").append(p.violations().size())
        .append(" policy violation(s)\n");
    for (String v : p.violations()) sb.append("- policy violation: ").append(escape(v)).append('\n');
    for (String r : p.rejections()) sb.append("- rejected: ").append(escape(r)).append('\n');
    for (Change c : failed) {
      sb.append("- rejected: ").append(escape(c.key().toString())).append(": ").append(escape(c.message()))
          .append('\n');
    }
    return sb.append('\n').toString();
  }

  private static String fold(String application, Change c) {
    String diff = c.diff() == null ? "" : c.diff();
    String fence = "`".repeat(Math.max(3, longestBacktickRun(diff) + 1));
    return "<details><summary>" + escape(application) + ": " + c.action().name().toLowerCase() + " "
        + escape(c.key().toString()) + "</summary>\n\n" + fence + "diff\n" + diff + (diff.endsWith("\n") ? "" : "\n")
        + fence + "\n</details>\n";
  }

  private static int longestBacktickRun(String s) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(s);
    while (m.find()) longest = Math.max(longest, m.group().length());
    return longest;
  }

  /** One line of text with no markup: HTML and Markdown control characters escaped, line breaks flattened. */
  static String escape(String s) {
    if (s == null) return "";
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n', '\r' -> sb.append(' ');
        case '`', '*', '_', '[', ']', '|', '\\', '#', '!' -> sb.append('\\').append(ch);
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
