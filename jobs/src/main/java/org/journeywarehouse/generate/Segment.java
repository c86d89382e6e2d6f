package org.journeywarehouse.generate;

/**
 * The kinds of people the simulation plants. Shares are of all people; sessions and orders are per
 * 90 days of activity. Loyal buyers, a fifth of buyers, carry about half of revenue through more
 * orders of higher value.
 */
enum Segment {
  /** Browses without ever logging in or buying. */
  ANONYMOUS("anonymous", 0.30, 1.8, 1.0, 0, 0, 0),
  /** Has an account, browses, never buys. */
  REGISTERED("registered", 0.28, 4.0, 1.3, 0, 0, 0),
  BUYER("buyer", 0.336, 8.0, 1.3, 0.7, 0.6, 45),
  LOYAL_BUYER("loyal_buyer", 0.084, 18.0, 1.1, 1.6, 1.8, 68);

  private final String label;
  private final double share;
  private final double medianSessions;
  private final double sessionSpread;
  private final double baseOrders;
  private final double ordersPerNinetyDays;
  private final double medianOrderEuros;

  Segment(
      String label,
      double share,
      double medianSessions,
      double sessionSpread,
      double baseOrders,
      double ordersPerNinetyDays,
      double medianOrderEuros) {
    this.label = label;
    this.share = share;
    this.medianSessions = medianSessions;
    this.sessionSpread = sessionSpread;
    this.baseOrders = baseOrders;
    this.ordersPerNinetyDays = ordersPerNinetyDays;
    this.medianOrderEuros = medianOrderEuros;
  }

  String label() {
    return label;
  }

  double share() {
    return share;
  }

  /** Median sessions per 90 active days; the log-normal spread makes a few heavy users. */
  double medianSessions() {
    return medianSessions;
  }

  double sessionSpread() {
    return sessionSpread;
  }

  /** Expected orders for {@code activeDays} of activity. */
  double expectedOrders(double activeDays) {
    return buys() ? baseOrders + ordersPerNinetyDays * activeDays / 90 : 0;
  }

  double medianOrderEuros() {
    return medianOrderEuros;
  }

  boolean hasAccount() {
    return this != ANONYMOUS;
  }

  boolean buys() {
    return this == BUYER || this == LOYAL_BUYER;
  }
}
