package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws who a person is from their own generator. Identifiers that must be unique across people
 * (emails, account ids, phone numbers) are derived from the person's index, never drawn.
 */
final class PersonFactory {
  private static final List<String> FIRST_NAMES =
      List.of(
          "jane", "john", "maria", "ahmed", "li", "sofia", "lucas", "emma", "noah", "olivia",
          "liam", "mia", "ethan", "ava", "mateo", "zoe", "omar", "chloe", "ivan", "nora", "arjun",
          "hannah", "felix", "leila", "tom", "sara", "yuki", "ines", "david", "amara");
  private static final List<String> LAST_NAMES =
      List.of(
          "doe",
          "smith",
          "garcia",
          "khan",
          "chen",
          "rossi",
          "silva",
          "muller",
          "brown",
          "novak",
          "jones",
          "martin",
          "kowalski",
          "nguyen",
          "dubois",
          "jensen",
          "okafor",
          "haddad",
          "park",
          "lopez",
          "berg",
          "costa",
          "walsh",
          "ito",
          "fischer",
          "patel",
          "moreau",
          "hughes");
  private static final List<String> DOMAINS =
      List.of("example.com", "mail.example.com", "mail.example.com", "example.org");
  private static final String[] CURRENCIES = {"EUR", "GBP", "USD", "SEK"};
  private static final double[] CURRENCY_SHARES = {0.78, 0.10, 0.08, 0.04};

  /** Odd prime not dividing {@link PhoneNumber#CAPACITY}: spreads indexes over all ranges. */
  private static final long PHONE_STRIDE = 7919;

  private static final double PHONE_SHARE = 0.55;

  private final LandingWindow window;
  private final int peopleCount;

  PersonFactory(LandingWindow window, int peopleCount) {
    this.window = window;
    this.peopleCount = peopleCount;
  }

  Person create(int index, SplittableRandom random) {
    Segment segment = pickSegment(random);
    String first = Draws.pick(random, FIRST_NAMES);
    String last = Draws.pick(random, LAST_NAMES);
    int number = index + 1;
    String email = first + "." + last + number + "@" + Draws.pick(random, DOMAINS);
    String secondEmail =
        segment.hasAccount() && Draws.chance(random, 0.08) ? first + number + "@example.org" : null;
    boolean existing = Draws.chance(random, segment.hasAccount() ? 0.5 : 0.3);
    String customerId = segment.hasAccount() ? "c-" + (100_001L + index) : null;
    String secondCustomerId =
        segment.hasAccount() && Draws.chance(random, 0.02)
            ? "c-" + (100_001L + peopleCount + index)
            : null;
    return new Person(
        index,
        segment,
        email,
        secondEmail,
        phone(index, random),
        CURRENCIES[Draws.pickWeighted(random, CURRENCY_SHARES)],
        devices(random),
        existing ? window.startMillis() : arrival(random),
        existing,
        customerId,
        secondCustomerId,
        ChannelMix.favorite(random));
  }

  private static Segment pickSegment(SplittableRandom random) {
    Segment[] segments = Segment.values();
    double[] shares = new double[segments.length];
    for (Segment segment : segments) {
      shares[segment.ordinal()] = segment.share();
    }
    return segments[Draws.pickWeighted(random, shares)];
  }

  /** A unique fictional number for about half of the people, while numbers last. */
  private static PhoneNumber phone(int index, SplittableRandom random) {
    if (!Draws.chance(random, PHONE_SHARE) || index >= PhoneNumber.CAPACITY) {
      return null;
    }
    return PhoneNumber.inSlot((int) ((index * PHONE_STRIDE + 13) % PhoneNumber.CAPACITY));
  }

  /** One to three devices; a fifth of devices send no device id. */
  private static List<String> devices(SplittableRandom random) {
    int count = 1 + Draws.pickWeighted(random, new double[] {0.5, 0.35, 0.15});
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(Draws.chance(random, 0.8) ? "d-" + Draws.uuid(random) : null);
    }
    return Collections.unmodifiableList(ids);
  }

  /** First visit of a newcomer, anywhere in the first 95% of the window. */
  private long arrival(SplittableRandom random) {
    long span = window.endMillis() - window.startMillis();
    return window.startMillis() + Draws.between(random, 0, (long) (span * 0.95));
  }
}
