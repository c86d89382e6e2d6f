package org.journeywarehouse.generate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pretty-prints maps, lists, strings and numbers as JSON with two-space indentation and keys
 * sorted, so ground-truth files are byte-identical across runs and diff well.
 */
final class PrettyJson {
  private PrettyJson() {}

  static String render(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 0);
    return out.append('\n').toString();
  }

  private static void append(StringBuilder out, Object value, int depth) {
    if (value instanceof Map<?, ?> map) {
      appendObject(out, map, depth);
    } else if (value instanceof List<?> list) {
      appendArray(out, list, depth);
    } else if (value instanceof String text) {
      JsonText.appendQuoted(out, text);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value == null) {
      out.append("null");
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    int remaining = map.size();
    for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
      indent(out, depth + 1);
      JsonText.appendQuoted(out, entry.getKey().toString()).append(": ");
      append(out, entry.getValue(), depth + 1);
      out.append(--remaining > 0 ? ",\n" : "\n");
    }
    indent(out, depth);
    out.append('}');
  }

  private static void appendArray(StringBuilder out, List<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append("[\n");
    for (int i = 0; i < list.size(); i++) {
      indent(out, depth + 1);
      append(out, list.get(i), depth + 1);
      out.append(i < list.size() - 1 ? ",\n" : "\n");
    }
    indent(out, depth);
    out.append(']');
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }
}
