package org.journeywarehouse.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How an email is written on a record. About 5% of records carry a variant of the person's address
 * in case or surrounding white space (" Jane.Doe12@Example.com", "jane.doe12@example.com" followed
 * by a no-break space): valid rows that normalization must unify, not dirt.
 */
final class EmailSpelling {
  static final double VARIANT_SHARE = 0.05;
  private static final String[] PADDING = {" ", "  ", "\u00a0", "\t", " \u00a0"};

  private EmailSpelling() {}

  static String spell(String email, SplittableRandom random) {
    if (!Draws.chance(random, VARIANT_SHARE)) {
      return email;
    }
    String cased =
        switch (random.nextInt(3)) {
          case 0 -> capitalized(email);
          case 1 -> email.toUpperCase(Locale.ROOT);
          default -> email;
        };
    String padding = PADDING[random.nextInt(PADDING.length)];
    return switch (random.nextInt(3)) {
      case 0 -> padding + cased;
      case 1 -> cased + padding;
      default -> cased.equals(email) ? cased + "\u00a0" : cased;
    };
  }

  /** Trimmed of all Unicode white space (including no-break space) and lower-cased. */
  static String normalized(String spelled) {
    int start = 0;
    int end = spelled.length();
    while (start < end && isSpace(spelled.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(spelled.charAt(end - 1))) {
      end--;
    }
    return spelled.substring(start, end).toLowerCase(Locale.ROOT);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** "jane.doe12@mail.example.com" becomes "Jane.Doe12@Mail.Example.com". */
  private static String capitalized(String email) {
    StringBuilder out = new StringBuilder(email.length());
    boolean wordStart = true;
    for (char c : email.toCharArray()) {
      out.append(wordStart ? Character.toUpperCase(c) : c);
      wordStart = c == '.' || c == '@';
    }
    return out.toString();
  }
}
