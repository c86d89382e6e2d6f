package org.journeywarehouse.bronze;

/** Daily FX rates: one unit of each currency in the reporting currency. */
public final class FxRatesJob extends BronzeSourceJob {
  public FxRatesJob() {
    super(
        FxRatesStaging.SOURCE,
        "Daily FX rates: one unit of each currency in the reporting currency.");
  }
}
