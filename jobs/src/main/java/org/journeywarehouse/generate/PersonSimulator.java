package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one person over the window, in time order: plans their sessions and which of them end
 * in a purchase, plays the sessions, adds point-of-sale and marketplace orders, then tickets and
 * surveys. A session's purchase chance is proportional to its channel's conversion multiplier,
 * which plants the channel effect ground truth reports.
 */
final class PersonSimulator {
  private static final long MINUTE = 60_000;
  private static final long DAY = TimestampText.MILLIS_PER_DAY;
  private static final double WEB_ORDER_SHARE = 0.89;
  private static final double POS_ORDER_SHARE = 0.07;
  private static final double MARKETPLACE_ORDER_SHARE = 0.04;
  private static final double MAX_PURCHASE_CHANCE = 0.85;
  private static final double GUEST_CHECKOUT_SHARE = 0.25;
  private static final double BROWSING_LOGIN_SHARE = 0.25;
  private static final int MAX_SESSIONS_PER_DAY = 20;

  private final SimulationContext context;
  private final SessionSimulator sessions;
  private final OrderSimulator orders;
  private final TicketSimulator tickets;
  private final SurveySimulator surveys;

  PersonSimulator(SimulationContext context) {
    this.context = context;
    this.sessions = new SessionSimulator(context);
    this.orders = new OrderSimulator(context);
    this.tickets = new TicketSimulator(context);
    this.surveys = new SurveySimulator(context);
  }

  void simulate(Person person, SplittableRandom random, PersonOutput output) {
    PersonState state = new PersonState(person);
    double activeDays = (double) (context.window().endMillis() - person.activeFrom()) / DAY;
    double expectedOrders = person.segment().expectedOrders(activeDays);
    List<OrderSimulator.OrderFact> placed = new ArrayList<>();
    playSessions(
        person, state, expectedOrders * WEB_ORDER_SHARE, activeDays, random, output, placed);
    placeOffline(person, state, "pos", expectedOrders * POS_ORDER_SHARE, random, output, placed);
    double marketplaceOrders = expectedOrders * MARKETPLACE_ORDER_SHARE;
    placeOffline(person, state, "marketplace", marketplaceOrders, random, output, placed);
    List<TicketSimulator.TicketFact> opened = tickets.open(person, state, placed, random, output);
    surveys.respond(person, state, placed, opened, random, output);
  }

  private void playSessions(
      Person person,
      PersonState state,
      double expectedWebOrders,
      double activeDays,
      SplittableRandom random,
      PersonOutput output,
      List<OrderSimulator.OrderFact> placed) {
    long[] starts = sessionStarts(person, expectedWebOrders, activeDays, random);
    Channel[] channels = drawChannels(person, starts.length, random);
    boolean[] purchases = drawPurchases(channels, expectedWebOrders, random);
    int signUpSession = signUpSession(person, purchases, random);
    long previousEnd = Long.MIN_VALUE;
    for (int i = 0; i < starts.length; i++) {
      // Over 30 minutes of quiet between sessions, so inactivity sessionization finds them.
      long start =
          Math.max(starts[i], previousEnd + 31 * MINUTE + Draws.between(random, 0, 120 * MINUTE));
      if (start >= context.window().endMillis()) {
        break;
      }
      SessionSimulator.Plan plan =
          plan(state, start, channels[i], purchases[i], i == signUpSession, random);
      SessionSimulator.Result result = sessions.play(person, state, plan, random, output);
      previousEnd = result.end();
      if (result.orderId() != null) {
        placed.add(orders.placeWeb(person, state, result, random, output));
      }
    }
  }

  /** Email reaches people only once they are on the mailing list, i.e. have an account. */
  private static Channel[] drawChannels(Person person, int sessions, SplittableRandom random) {
    Channel[] channels = new Channel[sessions];
    for (int i = 0; i < sessions; i++) {
      boolean onMailingList = person.accountBeforeWindow() || i > 0 && person.customerId() != null;
      channels[i] = ChannelMix.draw(random, person.favoriteChannel(), onMailingList);
    }
    return channels;
  }

  /**
   * Which sessions end in a purchase: each with a chance proportional to its channel's multiplier,
   * scaled so a person with an average channel mix expects their web orders. The scale does not
   * depend on the person's own mix, so people who mostly arrive through a weak channel really buy
   * less, and the effect shows across people too.
   */
  private static boolean[] drawPurchases(
      Channel[] channels, double expectedWebOrders, SplittableRandom random) {
    double perAverageSession =
        expectedWebOrders / (channels.length * Channel.averageConversionMultiplier());
    boolean[] purchases = new boolean[channels.length];
    for (int i = 0; i < channels.length; i++) {
      double chance = perAverageSession * channels[i].conversionMultiplier();
      purchases[i] = Draws.chance(random, Math.min(MAX_PURCHASE_CHANCE, chance));
    }
    return purchases;
  }

  /**
   * Sorted session starts from the person's first activity to the end of the window: a log-normal
   * number per 90 active days (so most people have 1-3 and a few many), at least enough for the
   * orders the person is expected to place online.
   */
  private long[] sessionStarts(
      Person person, double expectedWebOrders, double activeDays, SplittableRandom random) {
    Segment segment = person.segment();
    double perNinetyDays =
        Draws.logNormal(random, segment.medianSessions(), segment.sessionSpread());
    int count = Math.max(1, Draws.roundStochastically(random, perNinetyDays * activeDays / 90));
    count = Math.max(count, (int) Math.ceil(expectedWebOrders * 4));
    count = Math.min(count, (int) Math.max(1, MAX_SESSIONS_PER_DAY * activeDays));
    long from = person.activeFrom();
    long until = context.window().endMillis();
    long[] starts = new long[count];
    starts[0] = from;
    for (int i = 1; i < count; i++) {
      starts[i] = Draws.between(random, from, until);
      if (hourOfDay(starts[i]) < 6 && Draws.chance(random, 0.6)) {
        starts[i] = Draws.between(random, from, until);
      }
    }
    Arrays.sort(starts);
    return starts;
  }

  /** The session in which a newcomer with an account signs up, or -1. */
  private static int signUpSession(Person person, boolean[] purchases, SplittableRandom random) {
    if (person.customerId() == null || person.accountBeforeWindow()) {
      return -1;
    }
    for (int i = 0; i < purchases.length; i++) {
      if (purchases[i] && Draws.chance(random, 0.6)) {
        return i;
      }
    }
    return random.nextInt(purchases.length);
  }

  /** Logs in to buy unless checking out as a guest; logs in to browse now and then. */
  private static SessionSimulator.Plan plan(
      PersonState state,
      long start,
      Channel channel,
      boolean purchase,
      boolean signUp,
      SplittableRandom random) {
    boolean account = state.hasAccount() && !signUp;
    boolean logIn =
        account
            && (purchase
                ? !Draws.chance(random, GUEST_CHECKOUT_SHARE)
                : Draws.chance(random, BROWSING_LOGIN_SHARE));
    return new SessionSimulator.Plan(start, channel, purchase, signUp, logIn);
  }

  private void placeOffline(
      Person person,
      PersonState state,
      String sourceName,
      double expected,
      SplittableRandom random,
      PersonOutput output,
      List<OrderSimulator.OrderFact> placed) {
    int count = Draws.roundStochastically(random, expected);
    for (int i = 0; i < count; i++) {
      long at = Draws.between(random, person.activeFrom(), context.window().endMillis());
      placed.add(orders.placeOffline(person, state, sourceName, at, random, output));
    }
  }

  private static long hourOfDay(long epochMillis) {
    return Math.floorMod(epochMillis, DAY) / (60 * MINUTE);
  }
}
