package org.journeywarehouse.generate;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Daily exchange rates into the reporting currency, EUR: a small random walk per currency from a
 * realistic level, fixed to six decimals so the rate written is the rate orders were priced with.
 */
final class FxRates {
  static final List<String> CURRENCIES = List.of("EUR", "GBP", "SEK", "USD");
  private static final long[] START_MICROS = {1_000_000, 1_170_000, 87_000, 920_000};
  private static final double DAILY_VOLATILITY = 0.004;
  private static final long SALT = 0x6678_7261_7465_73L;

  /** Rates in millionths of a euro, per currency and day. */
  private final long[][] micros;

  FxRates(long seed, int days) {
    SplittableRandom random = new SplittableRandom(seed ^ SALT);
    micros = new long[CURRENCIES.size()][days];
    for (int currency = 0; currency < CURRENCIES.size(); currency++) {
      double rate = START_MICROS[currency];
      for (int day = 0; day < days; day++) {
        if (currency > 0) {
          rate *= StrictMath.exp(DAILY_VOLATILITY * Draws.gaussian(random));
        }
        micros[currency][day] = Math.round(rate);
      }
    }
  }

  /** Converts euro cents to cents of {@code currency} at the given day's rate. */
  long fromEuroCents(long euroCents, String currency, int day) {
    long rate = micros[CURRENCIES.indexOf(currency)][day];
    return (euroCents * 1_000_000 + rate / 2) / rate;
  }

  /** The landing line of one currency on one day. */
  String line(LandingWindow window, int day, String currency) {
    long rate = micros[CURRENCIES.indexOf(currency)][day];
    return "{\"date\":\""
        + window.date(day)
        + "\",\"currency\":\""
        + currency
        + "\",\"rate_to_reporting\":\""
        + BigDecimal.valueOf(rate, 6).toPlainString()
        + "\"}";
  }

  /** Writes every currency of every day the pass owns. */
  void deliver(LandingWindow window, LandingWriters writers, LandingDelivery delivery) {
    for (int day = 0; day < window.days(); day++) {
      if (writers.isOpen(day)) {
        for (String currency : CURRENCIES) {
          delivery.deliverClean(LandingSource.FX_RATES, day, line(window, day, currency));
        }
      }
    }
  }
}
