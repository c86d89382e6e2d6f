package org.journeywarehouse.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One landing record as named fields in a fixed order, rendered as a single JSON line. Values are
 * text, whole numbers, {@link Timestamp}s, {@link RawJson} or null. Dirt edits a {@link #copy()} so
 * the clean record stays available for later versions.
 */
final class JsonRecord {
  /** An instant written as ISO-8601 text in the given offset spelling. */
  record Timestamp(long epochMillis, OffsetStyle style) {}

  /** A value written verbatim, such as a JSON array. */
  record RawJson(String json) {}

  private String[] names;
  private Object[] values;
  private int size;

  JsonRecord() {
    this(new String[16], new Object[16], 0);
  }

  private JsonRecord(String[] names, Object[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /** Sets a field, keeping its position when it is already there. */
  JsonRecord put(String name, Object value) {
    int index = indexOf(name);
    if (index >= 0) {
      values[index] = value;
      return this;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size++] = value;
    return this;
  }

  Object value(String name) {
    int index = indexOf(name);
    return index >= 0 ? values[index] : null;
  }

  String text(String name) {
    return (String) value(name);
  }

  void remove(String name) {
    int index = indexOf(name);
    if (index >= 0) {
      System.arraycopy(names, index + 1, names, index, size - index - 1);
      System.arraycopy(values, index + 1, values, index, size - index - 1);
      size--;
    }
  }

  JsonRecord copy() {
    return new JsonRecord(names.clone(), values.clone(), size);
  }

  /**
   * The record as one JSON object without line breaks. A null field is written as {@code null} or
   * left out, at random, because exporters do both.
   */
  String render(SplittableRandom random) {
    StringBuilder out = new StringBuilder(64 + size * 24).append('{');
    boolean first = true;
    for (int i = 0; i < size; i++) {
      Object value = values[i];
      if (value == null && random.nextBoolean()) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonText.appendQuoted(out, names[i]).append(':');
      appendValue(out, value);
    }
    return out.append('}').toString();
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      JsonText.appendQuoted(out, text);
    } else if (value instanceof Timestamp timestamp) {
      out.append('"')
          .append(TimestampText.withOffset(timestamp.epochMillis(), timestamp.style()))
          .append('"');
    } else if (value instanceof RawJson raw) {
      out.append(raw.json());
    } else if (value instanceof Number number) {
      out.append(number.longValue());
    } else {
      throw new IllegalArgumentException("unsupported JSON value type: " + value.getClass());
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
