package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.journeywarehouse.catalog.Columns.MONEY;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/**
 * Marts: web sessions by date (the GA4-style purchase funnel, channel performance). Dated facts by
 * session_date, the date of the session's start in the reporting time zone; a run rewrites its
 * dates and the reprocessing window before them. Small (a few hundred rows a day), so not
 * partitioned: readers filter on session_date through Delta's file statistics.
 */
public final class WebTables {
  /**
   * The dimension value of a roll-up row: parenthesized, so no real channel or campaign clashes.
   */
  public static final String ROLLED_UP = "(all)";

  private static final String REPLACED =
      " A run rewrites its dates and the journey.marts.reprocess-days before them.";
  private static final String SESSION_DATE =
      "Date of the sessions' start in the reporting time zone (journey_silver.sessions).";
  private static final String CHANNEL =
      "GA4 default channel group of the sessions; (all) on the all_channels row.";

  public static final TableDefinition ECOMMERCE_FUNNEL_DAILY =
      new TableDefinition(
          new TableId(Layer.MARTS, "ecommerce_funnel_daily"),
          "The purchase journey of web sessions per session date and channel (session -> product"
              + " view -> add to cart -> checkout -> purchase): the open funnel (sessions with each"
              + " event) and the closed funnel (sessions that also reached every earlier step),"
              + " step conversion and cart and checkout abandonment. Rows with grouping_level"
              + " all_channels sum every channel of the date: filter on grouping_level before"
              + " summing."
              + REPLACED,
          "session_date x grouping_level x channel",
          List.of("session_date", "grouping_level", "channel"),
          schema(
              required("session_date", DateType, SESSION_DATE),
              required(
                  "grouping_level",
                  StringType,
                  "detail (one channel) or all_channels (every channel of the date)."),
              required("channel", StringType, CHANNEL),
              required("sessions", LongType, "Sessions started: the funnel's first step."),
              required(
                  "sessions_with_product_view",
                  LongType,
                  "Open funnel: sessions with a view_item event, whatever else happened."),
              required(
                  "sessions_with_add_to_cart",
                  LongType,
                  "Open funnel: sessions with an add_to_cart event."),
              required(
                  "sessions_with_checkout",
                  LongType,
                  "Open funnel: sessions with a begin_checkout event."),
              required(
                  "sessions_with_purchase",
                  LongType,
                  "Open funnel: sessions with a purchase event."),
              required(
                  "closed_sessions_with_product_view",
                  LongType,
                  "Closed funnel: sessions with a product view (= the open count)."),
              required(
                  "closed_sessions_with_add_to_cart",
                  LongType,
                  "Closed funnel: sessions with a product view and an add to cart."),
              required(
                  "closed_sessions_with_checkout",
                  LongType,
                  "Closed funnel: sessions with a product view, an add to cart and a"
                      + " checkout."),
              required(
                  "closed_sessions_with_purchase",
                  LongType,
                  "Closed funnel: sessions with every step, purchase included."),
              column(
                  "product_view_rate", DoubleType, "closed_sessions_with_product_view / sessions."),
              column(
                  "add_to_cart_rate",
                  DoubleType,
                  "closed_sessions_with_add_to_cart / closed_sessions_with_product_view;"
                      + " null when no session viewed a product."),
              column(
                  "checkout_rate",
                  DoubleType,
                  "closed_sessions_with_checkout / closed_sessions_with_add_to_cart; null"
                      + " when the denominator is 0."),
              column(
                  "purchase_rate",
                  DoubleType,
                  "closed_sessions_with_purchase / closed_sessions_with_checkout; null when"
                      + " the denominator is 0."),
              column(
                  "session_conversion_rate",
                  DoubleType,
                  "The whole closed funnel: closed_sessions_with_purchase / sessions."),
              required(
                  "cart_abandoned_sessions",
                  LongType,
                  "closed_sessions_with_add_to_cart - closed_sessions_with_purchase:"
                      + " carts that did not end in a purchase."),
              column(
                  "cart_abandonment_rate",
                  DoubleType,
                  "cart_abandoned_sessions / closed_sessions_with_add_to_cart = 1 -"
                      + " closed_sessions_with_purchase / closed_sessions_with_add_to_cart;"
                      + " null when no session added to cart."),
              required(
                  "checkout_abandoned_sessions",
                  LongType,
                  "closed_sessions_with_checkout - closed_sessions_with_purchase."),
              column(
                  "checkout_abandonment_rate",
                  DoubleType,
                  "checkout_abandoned_sessions / closed_sessions_with_checkout = 1 -"
                      + " closed_sessions_with_purchase / closed_sessions_with_checkout;"
                      + " null when no session reached checkout.")),
          List.of(),
          "session_date",
          Refresh.DATE_SLICE);

  public static final TableDefinition CHANNEL_PERFORMANCE_DAILY =
      new TableDefinition(
          new TableId(Layer.MARTS, "channel_performance_daily"),
          "Web traffic and its outcome per session date, channel and campaign: sessions,"
              + " engagement, new customers' first sessions, sessions with each shopping event,"
              + " and the counted orders placed in the sessions with their revenue. Rows with"
              + " grouping_level all_campaigns sum a channel's campaigns, all_channels the whole"
              + " date: filter on grouping_level before summing."
              + REPLACED,
          "session_date x grouping_level x channel x campaign",
          List.of("session_date", "grouping_level", "channel", "campaign"),
          schema(
              required("session_date", DateType, SESSION_DATE),
              required(
                  "grouping_level",
                  StringType,
                  "detail (channel and campaign), all_campaigns (every campaign of the channel)"
                      + " or all_channels (the whole date)."),
              required("channel", StringType, CHANNEL),
              required(
                  "campaign",
                  StringType,
                  "Campaign of the sessions ((not set) when none); (all) on roll-up rows."),
              required("sessions", LongType, "Sessions started."),
              required(
                  "engaged_sessions",
                  LongType,
                  "Sessions with is_engaged (product view, cart, checkout, login/sign-up or"
                      + " enough page views)."),
              column("engagement_rate", DoubleType, "engaged_sessions / sessions."),
              required(
                  "new_customer_sessions",
                  LongType,
                  "Sessions that were their customer key's first session ever (by"
                      + " session_start_at, then session_id), anonymous visitors included."),
              required("sessions_with_product_view", LongType, "Sessions with a view_item event."),
              required(
                  "sessions_with_add_to_cart", LongType, "Sessions with an add_to_cart event."),
              required("sessions_with_checkout", LongType, "Sessions with a begin_checkout event."),
              required("sessions_with_purchase", LongType, "Sessions with a purchase event."),
              column("session_conversion_rate", DoubleType, "sessions_with_purchase / sessions."),
              required(
                  "orders",
                  LongType,
                  "Counted orders (journey_silver.conversions) placed in the sessions; an order"
                      + " listed by several sessions counts in the first of them only."),
              required("revenue", MONEY, "Revenue of those orders (reporting currency)."),
              required(
                  "new_customer_orders",
                  LongType,
                  "Of those orders, customers' first counted orders (order_sequence 1)."),
              required("new_customer_revenue", MONEY, "Revenue of the new customers' orders."),
              column(
                  "revenue_per_session",
                  MONEY,
                  "revenue / sessions, rounded half-even to the cent.")),
          List.of(),
          "session_date",
          Refresh.DATE_SLICE);

  public static final List<TableDefinition> ALL =
      List.of(ECOMMERCE_FUNNEL_DAILY, CHANNEL_PERFORMANCE_DAILY);

  private WebTables() {}
}
