package org.journeywarehouse.generate;

import java.util.List;

/** Writes JSON string literals: quotes, backslashes and control characters escaped. */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Appends {@code value} as a quoted JSON string. */
  static StringBuilder appendQuoted(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> appendPlain(out, c);
      }
    }
    return out.append('"');
  }

  /** A JSON array of strings, e.g. {@code ["shipping","refund"]}. */
  static String array(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendQuoted(out, values.get(i));
    }
    return out.append(']').toString();
  }

  private static void appendPlain(StringBuilder out, char c) {
    if (c < 0x20) {
      out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    } else if (c == '\u2028' || c == '\u2029') {
      // Legal in JSON, but they end lines in some JavaScript readers.
      out.append(c == '\u2028' ? "\\u2028" : "\\u2029");
    } else {
      out.append(c);
    }
  }
}
