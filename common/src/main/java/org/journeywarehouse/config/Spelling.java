package org.journeywarehouse.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the known key closest to a misspelt one ("did you mean ...?"). */
final class Spelling {
  private static final int MAX_DISTANCE = 3;

  private Spelling() {}

  static Optional<String> closest(String unknown, Collection<String> known) {
    return known.stream()
        .filter(k -> distance(unknown, k) <= MAX_DISTANCE)
        .min(Comparator.comparingInt((String k) -> distance(unknown, k)).thenComparing(k -> k));
  }

  /** Levenshtein distance, two rows at a time. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
