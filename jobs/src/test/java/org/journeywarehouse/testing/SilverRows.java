package org.journeywarehouse.testing;

import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.io.DeltaTables;

/**
 * Complete silver rows (every NOT NULL column set) for tests of the jobs that read sessions and
 * conversions, with the details that do not matter to them filled in plainly. Dates are UTC.
 */
public final class SilverRows {
  private SilverRows() {}

  /**
   * A one-event-ish session of {@code customer} starting at {@code start} through {@code channel}.
   */
  public static Row session(
      String id, String customer, String start, String channel, String campaign) {
    return session(id, customer, start, channel, campaign, false);
  }

  /** As {@link #session(String, String, String, String, String)}, engaged (with a product view). */
  public static Row session(
      String id, String customer, String start, String channel, String campaign, boolean engaged) {
    return session(ZoneOffset.UTC, id, customer, start, channel, campaign, engaged ? "pv eng" : "");
  }

  /**
   * A session dated in {@code zone}, as the sessions job dates it in a reporting zone; {@code flags}
   * among pv (product view), atc (add to cart), co (checkout), pur (purchase), eng (engaged).
   */
  public static Row session(
      ZoneId zone,
      String id,
      String customer,
      String start,
      String channel,
      String campaign,
      String flags,
      String... orderIds) {
    Set<String> on = Set.of(flags.split(" "));
    return row(
        SilverTables.SESSIONS,
        "session_id",
        id,
        "customer_key",
        customer,
        "anonymous_id",
        "anon-" + customer,
        "session_start_at",
        at(start),
        "session_end_at",
        at(start),
        "session_date",
        dateIn(zone, start),
        "source",
        "src",
        "medium",
        "med",
        "campaign",
        campaign,
        "channel",
        channel,
        "channel_rules_version",
        "test",
        "page_views",
        1L,
        "events",
        1L,
        "has_product_view",
        on.contains("pv"),
        "has_add_to_cart",
        on.contains("atc"),
        "has_checkout",
        on.contains("co"),
        "has_purchase",
        on.contains("pur"),
        "has_login_or_sign_up",
        false,
        "is_engaged",
        on.contains("eng"),
        "order_ids",
        orderIds); // empty when none, as the sessions job writes it
  }

  /** A counted order in EUR at rate 1; {@code sequence} 1 is the customer's first. */
  public static Row conversion(
      String order, String customer, String at, String revenue, int sequence) {
    return conversion(ZoneOffset.UTC, order, customer, at, revenue, sequence);
  }

  /** As {@link #conversion(String, String, String, String, int)}, dated in {@code zone}. */
  public static Row conversion(
      ZoneId zone, String order, String customer, String at, String revenue, int sequence) {
    return row(
        SilverTables.CONVERSIONS,
        "order_id",
        order,
        "customer_key",
        customer,
        "conversion_at",
        at(at),
        "conversion_date",
        dateIn(zone, at),
        "financial_status",
        "paid",
        "currency",
        "EUR",
        "total_price_local",
        money(revenue),
        "refunded_amount_local",
        money("0.00"),
        "fx_rate",
        money("1.00000000"),
        "gross_revenue",
        money(revenue),
        "revenue",
        money(revenue),
        "order_sequence",
        sequence,
        "is_first_order",
        sequence == 1,
        "is_repeat_order",
        sequence > 1);
  }

  /** Creates {@code table} if needed and replaces its rows with {@code rows}. */
  public static void replace(DeltaTables tables, TableDefinition table, List<Row> rows) {
    tables.ensure(table);
    tables.replaceAll(table, TableRows.frame(table, rows), "test");
  }

  private static Date dateIn(ZoneId zone, String instant) {
    return Date.valueOf(LocalDate.ofInstant(Instant.parse(instant), zone));
  }
}
