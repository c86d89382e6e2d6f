package org.journeywarehouse.marts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.web.WebMartFixture.session;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.WebTables;
import org.journeywarehouse.testing.SilverRows;
import org.junit.jupiter.api.Test;

/** The gates catch what they are for: broken marts built by hand, counted exactly. */
class WebMartChecksTest {
  private static final TableDefinition FUNNEL = WebTables.ECOMMERCE_FUNNEL_DAILY;
  private static final TableDefinition CHANNELS = WebTables.CHANNEL_PERFORMANCE_DAILY;

  @Test
  void aDateWithoutItsSessionsFails() {
    // Sessions: 2 on the ninth, 1 on the tenth. The mart's ninth holds 1 + 1 (two channels, fine),
    // its tenth nothing: 2 dates, 3 sessions, the tenth failed.
    Dataset<Row> sessions =
        frame(
            SilverTables.SESSIONS,
            List.of(
                session("a", "ck_a", "2026-11-09T08:00:00Z", "Email", "(not set)", ""),
                session("b", "ck_b", "2026-11-09T09:00:00Z", "Direct", "(not set)", ""),
                session("c", "ck_c", "2026-11-10T09:00:00Z", "Direct", "(not set)", "")));
    Dataset<Row> mart =
        frame(
            FUNNEL,
            List.of(
                funnelRow("2026-11-09", "detail", "Email", 1, 0),
                funnelRow("2026-11-09", "detail", "Direct", 1, 0),
                funnelRow("2026-11-09", "all_channels", "(all)", 2, 0)));
    assertThat(counts(WebMartChecks.sessionsPerDate(sessions, mart))).containsExactly(2L, 3L, 1L);
  }

  @Test
  void aRollUpOffByOneOrMissingFails() {
    // Ninth: detail 3 + 2 = 5 sessions and 1 + 0 purchases; all_channels 5 and 1: adds up.
    // Tenth: detail 4, all_channels says 6: fails. Eleventh: detail rows but no roll-up: fails.
    Dataset<Row> mart =
        frame(
            FUNNEL,
            List.of(
                funnelRow("2026-11-09", "detail", "Email", 3, 1),
                funnelRow("2026-11-09", "detail", "Direct", 2, 0),
                funnelRow("2026-11-09", "all_channels", "(all)", 5, 1),
                funnelRow("2026-11-10", "detail", "Email", 4, 0),
                funnelRow("2026-11-10", "all_channels", "(all)", 6, 0),
                funnelRow("2026-11-11", "detail", "Email", 1, 0)));
    Dataset<Row> check =
        WebMartChecks.rollupsAddUp(
            mart,
            "all_channels",
            List.of("session_date"),
            List.of("sessions", "closed_sessions_with_purchase"));
    assertThat(counts(check)).containsExactly(3L, 2L);
  }

  @Test
  void aClosedFunnelThatWidensFails() {
    // Row 1: 4 >= 3 >= 2 >= 2 >= 1 narrows. Row 2: 2 checkouts after 1 add to cart: widens.
    Dataset<Row> mart = frame(FUNNEL, List.of(closedRow(4, 3, 2, 2, 1), closedRow(4, 3, 1, 2, 0)));
    assertThat(counts(WebMartChecks.closedFunnelNarrows(mart))).containsExactly(2L, 1L);
  }

  @Test
  void revenueACentShortOrAnOrderCountedTwiceFails() {
    // Sessions s1 (ninth, o1 100.00) and s7 (tenth, o3 55.50 + o4 20.23 = 75.73). The mart says
    // 100.00 for the ninth (right) and 75.72 for the tenth (a cent short): 3 orders, 1 failed
    // date.
    Dataset<Row> sessions =
        frame(
            SilverTables.SESSIONS,
            List.of(
                session("s1", "ck_a", "2026-11-09T08:00:00Z", "Email", "(not set)", "pur", "o1"),
                session(
                    "s7",
                    "ck_c",
                    "2026-11-10T08:00:00Z",
                    "Email",
                    "(not set)",
                    "pur",
                    "o3",
                    "o4")));
    List<Row> conversions =
        List.of(
            SilverRows.conversion("o1", "ck_a", "2026-11-09T08:20:00Z", "100.00", 1),
            SilverRows.conversion("o3", "ck_c", "2026-11-10T08:10:00Z", "55.50", 1),
            SilverRows.conversion("o4", "ck_c", "2026-11-10T08:15:00Z", "20.23", 2));
    Dataset<Row> mart =
        frame(
            CHANNELS,
            List.of(channelRow("2026-11-09", 1, "100.00"), channelRow("2026-11-10", 2, "75.72")));
    assertThat(counts(reconcile(sessions, conversions, mart))).containsExactly(3L, 0L, 1L);

    List<Row> twice = new java.util.ArrayList<>(conversions);
    twice.add(conversions.get(0));
    Dataset<Row> right =
        frame(
            CHANNELS,
            List.of(channelRow("2026-11-09", 1, "100.00"), channelRow("2026-11-10", 2, "75.73")));
    // o1 in conversions twice: placed twice, and each placement meets both copies, so the ninth
    // has 4 rows for 1 distinct order (3 extra) and 400.00 against the mart's 100.00 (failed).
    assertThat(counts(reconcile(sessions, twice, right))).containsExactly(3L, 3L, 1L);
  }

  private static Dataset<Row> reconcile(
      Dataset<Row> sessions, List<Row> conversionRows, Dataset<Row> mart) {
    Dataset<Row> conversions = frame(SilverTables.CONVERSIONS, conversionRows);
    return WebMartChecks.ordersReconcile(
        sessions, ChannelPerformance.placedOrders(sessions, conversions), conversions, mart);
  }

  private static List<Object> counts(Dataset<Row> oneRow) {
    Row row = oneRow.first();
    return java.util.stream.IntStream.range(0, row.size()).mapToObj(row::get).toList();
  }

  private static Row funnelRow(
      String date, String level, String channel, long sessions, long closedPurchase) {
    return row(
        FUNNEL,
        "session_date",
        day(date),
        "grouping_level",
        level,
        "channel",
        channel,
        "sessions",
        sessions,
        "closed_sessions_with_purchase",
        closedPurchase);
  }

  private static Row closedRow(
      long sessions, long productView, long addToCart, long checkout, long purchase) {
    return row(
        FUNNEL,
        "session_date",
        day("2026-11-09"),
        "grouping_level",
        "detail",
        "channel",
        "Email",
        "sessions",
        sessions,
        "closed_sessions_with_product_view",
        productView,
        "closed_sessions_with_add_to_cart",
        addToCart,
        "closed_sessions_with_checkout",
        checkout,
        "closed_sessions_with_purchase",
        purchase);
  }

  private static Row channelRow(String date, long orders, String revenue) {
    return row(
        CHANNELS,
        "session_date",
        day(date),
        "grouping_level",
        "detail",
        "channel",
        "Email",
        "campaign",
        "(not set)",
        "orders",
        orders,
        "revenue",
        money(revenue));
  }
}
