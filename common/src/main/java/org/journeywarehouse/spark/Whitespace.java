package org.journeywarehouse.spark;

/**
 * Regular expressions for white space of every kind. Java's and Spark's {@code trim} miss the
 * no-break space (U+00A0), its narrow cousins and the zero-width characters that copy-pasted
 * values often carry; every place that trims or tests for blank text uses these instead.
 */
public final class Whitespace {
  /** One white-space character: ASCII, Unicode separators, BOM and zero-width space. */
  public static final String CHARACTER = "[\\s\\p{Z}\\x{FEFF}\\x{200B}]";

  /** Leading or trailing white space, for {@code regexp_replace(text, EDGES, "")}. */
  public static final String EDGES = "^" + CHARACTER + "+|" + CHARACTER + "+$";

  /** Text that is empty or white space only, for {@code rlike}. */
  public static final String ONLY = "^" + CHARACTER + "*$";

  private Whitespace() {}
}
