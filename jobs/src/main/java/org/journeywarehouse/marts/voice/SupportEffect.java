package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.voice.Measures.countWhere;
import static org.journeywarehouse.marts.voice.Measures.ratio;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.io.DeltaTables;

/**
 * support_effect: do customers who contacted support soon after their first order buy again, and
 * does the ticket's CSAT matter? Customers are grouped by first-order month and ticket group, and
 * every roll-up comes from the same grouped aggregation (each customer expanded into the rows it
 * belongs to). Pure: Datasets in, Dataset out.
 */
public final class SupportEffect {
  public static final String NO_TICKET = "no_ticket";
  public static final String TICKET_BAD = "ticket_bad";
  public static final String TICKET_GOOD = "ticket_good";
  public static final String TICKET_UNRATED = "ticket_unrated";
  public static final String ANY_TICKET = "any_ticket";
  public static final String ALL = "(all)";

  /** Counts that add up over months and over ticket groups. */
  public static final List<String> ADDITIVE =
      List.of(
          "customers",
          "customers_with_several_tickets",
          "matured",
          "repeat_within_window",
          "days_to_second_order_n");

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private SupportEffect() {}

  /**
   * One row per customer whose first counted order is dated up to {@code asOf}: {@code
   * customer_key, first_order_month, ticket_group, tickets_in_window, is_matured,
   * is_repeat_within_window, days_to_second_order}. A ticket counts when opened in [first order,
   * first order + afterFirstOrderDays] (exact instants) and dated up to asOf. With several such
   * tickets the worst rating decides: any bad makes ticket_bad, else any good ticket_good, else
   * ticket_unrated. Matured: first order dated at least repeatWindowDays before asOf, so the whole
   * repeat window is observed. days_to_second_order: fractional days to the second counted order
   * dated up to asOf, whenever it came (null without one).
   *
   * @param conversions {@code journey_silver.conversions} (customer_key, conversion_at,
   *     conversion_date, order_sequence)
   * @param tickets {@code journey_silver.tickets} (customer_key, created_at, created_date,
   *     satisfaction)
   */
  public static Dataset<Row> customers(
      Dataset<Row> conversions,
      Dataset<Row> tickets,
      LocalDate asOf,
      int afterFirstOrderDays,
      int repeatWindowDays) {
    Column sequence = col("order_sequence");
    Dataset<Row> orders =
        conversions
            .where(col("conversion_date").leq(lit(asOf)))
            .groupBy(col("customer_key"))
            .agg(
                min(when(sequence.equalTo(1), col("conversion_at"))).as("first_at"),
                min(when(sequence.equalTo(1), col("conversion_date"))).as("first_date"),
                min(when(sequence.equalTo(2), col("conversion_at"))).as("second_at"))
            .where(col("first_at").isNotNull());
    Column gap = unix_micros(col("second_at")).minus(unix_micros(col("first_at")));
    return orders
        .join(windowTickets(orders, tickets, asOf, afterFirstOrderDays), "customer_key", "left")
        .select(
            col("customer_key"),
            MonthSlice.month(col("first_date")).as("first_order_month"),
            ticketGroup().as("ticket_group"),
            coalesce(col("tickets"), lit(0L)).as("tickets_in_window"),
            col("first_date").leq(lit(asOf.minusDays(repeatWindowDays))).as("is_matured"),
            gap.leq(lit(repeatWindowDays * MICROS_PER_DAY))
                .and(gap.isNotNull())
                .as("is_repeat_within_window"),
            gap.divide((double) MICROS_PER_DAY).as("days_to_second_order"));
  }

  /** The rows of support_effect from {@link #customers}. */
  public static Dataset<Row> summarize(
      Dataset<Row> customers, LocalDate asOf, int afterFirstOrderDays, int repeatWindowDays) {
    Column month = col("first_order_month");
    Column allMonths = lit(null).cast(DataTypes.DateType);
    Column group = col("ticket_group");
    Column hasTicket = group.notEqual(NO_TICKET);
    Column memberships =
        array_compact(
            array(
                membership("detail", month, group),
                when(hasTicket, membership("any_ticket", month, lit(ANY_TICKET))),
                membership("all_groups", month, lit(ALL)),
                membership("all_months", allMonths, group),
                when(hasTicket, membership("all_months_any_ticket", allMonths, lit(ANY_TICKET))),
                membership("total", allMonths, lit(ALL))));
    Column days = col("days_to_second_order");
    Dataset<Row> rows =
        customers
            .withColumn("g", explode(memberships))
            .groupBy(
                col("g.grouping_level").as("grouping_level"),
                col("g.first_order_month").as("first_order_month"),
                col("g.ticket_group").as("ticket_group"))
            .agg(
                count(lit(1)).as("customers"),
                countWhere(col("tickets_in_window").gt(1)).as("customers_with_several_tickets"),
                countWhere(col("is_matured")).as("matured"),
                countWhere(col("is_matured").and(col("is_repeat_within_window")))
                    .as("repeat_within_window"),
                percentile(days, lit(0.5)).as("days_to_second_order_p50"),
                avg(days).as("days_to_second_order_mean"),
                count(days).as("days_to_second_order_n"))
            .withColumn("repeat_rate", ratio(col("repeat_within_window"), col("matured")))
            .withColumn("as_of_date", lit(asOf))
            .withColumn("after_first_order_days", lit(afterFirstOrderDays))
            .withColumn("repeat_window_days", lit(repeatWindowDays));
    return DeltaTables.alignedTo(VoiceTables.SUPPORT_EFFECT, rows);
  }

  /** Per customer with a ticket in the window: tickets, bad ones, good ones. */
  private static Dataset<Row> windowTickets(
      Dataset<Row> orders, Dataset<Row> tickets, LocalDate asOf, int afterFirstOrderDays) {
    Column openedAt = unix_micros(col("t.created_at"));
    Column firstAt = unix_micros(col("o.first_at"));
    Column inWindow =
        col("o.customer_key")
            .equalTo(col("t.customer_key"))
            .and(openedAt.geq(firstAt))
            .and(openedAt.leq(firstAt.plus(lit(afterFirstOrderDays * MICROS_PER_DAY))));
    Column satisfaction = col("t.satisfaction");
    return orders
        .select("customer_key", "first_at")
        .as("o")
        .join(tickets.where(col("created_date").leq(lit(asOf))).as("t"), inWindow)
        .groupBy(col("o.customer_key").as("customer_key"))
        .agg(
            count(lit(1)).as("tickets"),
            countWhere(satisfaction.equalTo("bad")).as("bad_tickets"),
            countWhere(satisfaction.equalTo("good")).as("good_tickets"));
  }

  /** Worst rating wins: bad, then good, then unrated; no ticket in the window: no_ticket. */
  private static Column ticketGroup() {
    return when(col("tickets").isNull(), lit(NO_TICKET))
        .when(col("bad_tickets").gt(0), lit(TICKET_BAD))
        .when(col("good_tickets").gt(0), lit(TICKET_GOOD))
        .otherwise(lit(TICKET_UNRATED));
  }

  private static Column membership(String groupingLevel, Column month, Column group) {
    return struct(
        lit(groupingLevel).as("grouping_level"),
        month.as("first_order_month"),
        group.as("ticket_group"));
  }
}
