package org.journeywarehouse.cli;

import java.util.Arrays;
import java.util.List;

/** Splits a SQL file into statements at semicolons that end a line; comments are kept. */
final class SqlStatements {
  private SqlStatements() {}

  static List<String> split(String text) {
    return Arrays.stream(text.split(";\\s*(\\R|$)"))
        .map(String::strip)
        .filter(s -> !s.isEmpty() && !s.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--")))
        .toList();
  }
}
