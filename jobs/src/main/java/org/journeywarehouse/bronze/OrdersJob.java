package org.journeywarehouse.bronze;

/** Store orders: money in the order currency, emails and phones hashed, newest version per order within a delivery. */
public final class OrdersJob extends BronzeSourceJob {
  public OrdersJob() {
    super(
        OrdersStaging.SOURCE,
        "Store orders: money in the order currency, emails and phones hashed, newest version per order within a delivery.");
  }
}
