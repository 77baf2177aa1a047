package dev.driftless.appset;

import java.util.Map;

/**
 * Argo CD's default template form ({@code goTemplate} off, valyala/fasttemplate): {@code {{name}}} or
 * {@code {{ name }}} is replaced by the flattened parameter of that name ({@code path.basename},
 * {@code metadata.labels.env}); a name no generator gives is left as written, as Argo CD leaves it.
 */
final class FastTemplate {

  private FastTemplate() {}

  static String render(String text, Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    while (true) {
      int open = text.indexOf("{{", pos);
      int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
      if (close < 0) {
        out.append(text, pos, text.length());
        return out.toString();
      }
      String key = text.substring(open + 2, close).strip();
      String value = params.get(key);
      out.append(text, pos, open).append(value == null ? text.substring(open, close + 2) : value);
      pos = close + 2;
    }
  }
}
