package org.journeywarehouse.bronze;

/** Store orders: money in the order currency, emails and phones hashed, newest version per order within a delivery. */
public final class OrdersJob extends BronzeSourceJob {
  public OrdersJob() {
    super(
        new OrdersStaging(),
        "Store orders: money in the order currency, emails and phones hashed, newest version per order within a delivery.");
  }
}
