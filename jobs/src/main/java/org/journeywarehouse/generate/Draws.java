package org.journeywarehouse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random draws the simulation needs beyond {@link SplittableRandom}'s own. Everything goes through
 * {@link StrictMath} so the same seed gives the same bytes on every JVM and platform.
 */
final class Draws {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Draws() {}

  /** SplitMix64's finalizer: spreads consecutive numbers over all 64 bits. */
  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The generator of one person: depends only on the seed and the person's index. */
  static SplittableRandom forPerson(long seed, long personIndex) {
    return new SplittableRandom(seed ^ mix(personIndex));
  }

  static boolean chance(SplittableRandom random, double probability) {
    return random.nextDouble() < probability;
  }

  /** A uniform long in [from, to); {@code from} itself when the range is empty. */
  static long between(SplittableRandom random, long from, long to) {
    return to > from ? random.nextLong(from, to) : from;
  }

  static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** An index drawn with the given weights (which need not sum to 1). */
  static int pickWeighted(SplittableRandom random, double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double target = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Standard normal by Box-Muller. */
  static double gaussian(SplittableRandom random) {
    double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
    return radius * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
  }

  static double logNormal(SplittableRandom random, double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian(random));
  }

  static double exponential(SplittableRandom random, double mean) {
    return -mean * StrictMath.log(1 - random.nextDouble());
  }

  /** Floor or ceiling of {@code value}, with the fraction as the chance of the ceiling. */
  static int roundStochastically(SplittableRandom random, double value) {
    double floor = StrictMath.floor(value);
    return (int) floor + (chance(random, value - floor) ? 1 : 0);
  }

  /** A random version-4-shaped UUID in its usual 8-4-4-4-12 hex spelling. */
  static String uuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] text = new char[36];
    int position = 0;
    for (int nibble = 15; nibble >= 0; nibble--) {
      boolean groupEnds = nibble == 8 || nibble == 4 || nibble == 0;
      position = appendNibble(text, position, high, nibble, groupEnds);
    }
    for (int nibble = 15; nibble >= 0; nibble--) {
      position = appendNibble(text, position, low, nibble, nibble == 12);
    }
    return new String(text);
  }

  private static int appendNibble(
      char[] text, int position, long bits, int nibble, boolean dashAfter) {
    text[position++] = HEX[(int) (bits >>> (nibble * 4)) & 0xF];
    if (dashAfter) {
      text[position++] = '-';
    }
    return position;
  }

  /** A URL-safe token of the given length, like an ad click id. */
  static String token(SplittableRandom random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(text);
  }
}
