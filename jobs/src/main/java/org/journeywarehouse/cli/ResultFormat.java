package org.journeywarehouse.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/** Prints query results as an aligned table, CSV (RFC 4180) or JSON lines. */
enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  static ResultFormat parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  String render(String[] columns, List<Row> rows) {
    return switch (this) {
      case TABLE -> table(columns, rows);
      case CSV -> csv(columns, rows);
      case JSON -> throw new IllegalStateException("JSON is rendered by Spark's toJSON");
    };
  }

  private static String table(String[] columns, List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns);
    rows.forEach(r -> cells.add(texts(r, columns.length)));
    int[] widths = new int[columns.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    String rule = ruleLine(widths);
    out.append(rule);
    for (int l = 0; l < cells.size(); l++) {
      out.append('|');
      for (int i = 0; i < widths.length; i++) {
        out.append(' ').append(pad(cells.get(l)[i], widths[i])).append(" |");
      }
      out.append('\n');
      if (l == 0) {
        out.append(rule);
      }
    }
    out.append(rule);
    out.append("(%d row%s)%n".formatted(rows.size(), rows.size() == 1 ? "" : "s"));
    return out.toString();
  }

  private static String csv(String[] columns, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(java.util.Arrays.stream(columns).map(ResultFormat::csvCell).collect(Collectors.joining(","))).append('\n');
    for (Row row : rows) {
      String[] texts = texts(row, columns.length);
      for (int i = 0; i < texts.length; i++) {
        out.append(i == 0 ? "" : ",").append(row.isNullAt(i) ? "" : csvCell(texts[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String csvCell(String text) {
    return text.matches(".*[\",\\r\\n].*") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }

  private static String[] texts(Row row, int width) {
    String[] texts = new String[width];
    for (int i = 0; i < width; i++) {
      texts[i] = row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i));
    }
    return texts;
  }

  private static String ruleLine(int[] widths) {
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    return rule.append('\n').toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
