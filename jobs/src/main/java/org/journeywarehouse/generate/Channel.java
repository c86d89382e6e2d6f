package org.journeywarehouse.generate;

/**
 * The marketing channels sessions arrive through, named as GA4's default channel group names them,
 * with each one's share of sessions and the planted effect on conversion: a session's chance to end
 * in a purchase is proportional to its channel's multiplier.
 */
enum Channel {
  DIRECT("Direct", 0.20, 1.0),
  ORGANIC_SEARCH("Organic Search", 0.24, 1.2),
  PAID_SEARCH("Paid Search", 0.14, 1.5),
  PAID_SOCIAL("Paid Social", 0.08, 0.6),
  ORGANIC_SOCIAL("Organic Social", 0.07, 0.5),
  EMAIL("Email", 0.10, 2.0),
  REFERRAL("Referral", 0.06, 1.1),
  AFFILIATES("Affiliates", 0.05, 0.9),
  DISPLAY("Display", 0.06, 0.3);

  private final String label;
  private final double sessionShare;
  private final double conversionMultiplier;

  Channel(String label, double sessionShare, double conversionMultiplier) {
    this.label = label;
    this.sessionShare = sessionShare;
    this.conversionMultiplier = conversionMultiplier;
  }

  /** The GA4 default channel group name, e.g. {@code Paid Search}. */
  String label() {
    return label;
  }

  double sessionShare() {
    return sessionShare;
  }

  double conversionMultiplier() {
    return conversionMultiplier;
  }

  /** The multiplier of an average session: the mean weighted by session share. */
  static double averageConversionMultiplier() {
    double weighted = 0;
    double shares = 0;
    for (Channel channel : values()) {
      weighted += channel.sessionShare * channel.conversionMultiplier;
      shares += channel.sessionShare;
    }
    return weighted / shares;
  }

  static Channel strongest() {
    Channel best = DIRECT;
    for (Channel channel : values()) {
      best = channel.conversionMultiplier > best.conversionMultiplier ? channel : best;
    }
    return best;
  }

  static Channel weakest() {
    Channel worst = DIRECT;
    for (Channel channel : values()) {
      worst = channel.conversionMultiplier < worst.conversionMultiplier ? channel : worst;
    }
    return worst;
  }
}
