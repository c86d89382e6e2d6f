package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.journeywarehouse.catalog.Columns.MONEY;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/**
 * Marts: multi-touch attribution (DESIGN.md, Attribution). Every table is replaced per date slice;
 * a night rewrites its date and the reprocessing window before it, so late conversions and late
 * sessions are credited again and a rerun gives the same rows.
 */
public final class AttributionTables {
  private static final String MODEL_COMMENT =
      "first_touch, last_touch, last_non_direct, linear, position_based, time_decay, markov or"
          + " shapley.";
  private static final String CHANNEL_COMMENT =
      "GA4 default channel group of the touch's session; (none) for a conversion with no session"
          + " in the lookback window.";

  /** Every attribution table says which dates a run rewrites (the slice and the window before). */
  private static final String REPLACED =
      " A run rewrites its dates and the journey.marts.reprocess-days before them.";

  private static final String CAMPAIGN_COMMENT =
      "Campaign of the touch's session ((not set) when it had none); (none) with channel (none).";

  public static final TableDefinition ATTRIBUTION_MODEL_FIT =
      new TableDefinition(
          new TableId(Layer.MARTS, "attribution_model_fit"),
          "The data-driven models' global fit per fit date: each channel's Markov removal effect or"
              + " Shapley value (unclipped), its share, and the paths behind it, fitted over the"
              + " trailing fit window of converting and non-converting paths. Conversions of a date"
              + " are credited with that date's fit."
              + REPLACED,
          "fit_date x model x channel",
          List.of("fit_date", "model", "channel"),
          schema(
              required(
                  "fit_date",
                  DateType,
                  "Last day of the fit window; its conversions use this fit."),
              required("model", StringType, "markov or shapley."),
              required("channel", StringType, "GA4 default channel group."),
              required("fit_window_start", DateType, "First day of the fit window (inclusive)."),
              required(
                  "fit_window_end", DateType, "Last day of the fit window (inclusive) = fit_date."),
              required(
                  "effect",
                  DoubleType,
                  "markov: removal effect 1 - P(conversion without the channel) / P(conversion)."
                      + " shapley: the conversion-weighted mean of the channel's unclipped Shapley"
                      + " value over converting channel sets (a conversion rate)."),
              column(
                  "effect_share",
                  DoubleType,
                  "The channel's share of all channels' credit: markov removal effect / sum of"
                      + " removal effects; shapley attributed_conversions / converting paths"
                      + " (unclipped, may be negative). Null when no channel has an effect."),
              column(
                  "attributed_conversions",
                  DoubleType,
                  "Global credit: converting paths x effect_share (ChannelAttribution-style for"
                      + " markov, DP6-style for shapley)."),
              required(
                  "converting_paths", LongType, "Converting paths in the window with the channel."),
              required(
                  "non_converting_paths",
                  LongType,
                  "Non-converting paths in the window with the channel."),
              required(
                  "total_converting_paths",
                  LongType,
                  "Converting paths in the window (conversions with a touch)."),
              required(
                  "total_non_converting_paths", LongType, "Non-converting paths in the window."),
              column(
                  "conversion_probability",
                  DoubleType,
                  "markov: P(conversion) from the start state"
                      + " of the chain. shapley: converting / all paths."),
              required(
                  "negative_value_sets",
                  LongType,
                  "shapley: converting channel sets in which the channel's Shapley value is"
                      + " negative (clipped to 0 for credit); markov: 0.")),
          List.of(),
          "fit_date",
          Refresh.DATE_SLICE);

  public static final TableDefinition ATTRIBUTION_CHANNEL_SETS =
      new TableDefinition(
          new TableId(Layer.MARTS, "attribution_channel_sets"),
          "Shapley's coalitions per fit date: every distinct set of channels seen on a path in the"
              + " fit window, how many converting and non-converting paths had exactly that set,"
              + " its conversion rate, and each member channel's Shapley value within the set."
              + REPLACED,
          "fit_date x channel_set_key x channel",
          List.of("fit_date", "channel_set_key", "channel"),
          schema(
              required("fit_date", DateType, "Last day of the fit window."),
              required(
                  "channel_set_key", StringType, "The set's channels sorted and joined by ' + '."),
              required(
                  "channel_set",
                  DataTypes.createArrayType(StringType, false),
                  "The set's channels, sorted."),
              required("channels", IntegerType, "Channels in the set."),
              required("channel", StringType, "One member channel."),
              required(
                  "converting_paths",
                  LongType,
                  "Converting paths whose channel set is exactly this set."),
              required(
                  "non_converting_paths",
                  LongType,
                  "Non-converting paths whose channel set is exactly this set."),
              required(
                  "conversion_rate",
                  DoubleType,
                  "converting / (converting + non-converting): the" + " coalition's value v(S)."),
              required(
                  "shapley_value",
                  DoubleType,
                  "The channel's Shapley value in this set"
                      + " (unclipped); a set's values sum to its conversion_rate."),
              required(
                  "shapley_method",
                  StringType,
                  "exact (every subset) or sampled (permutations,"
                      + " for sets above journey.attribution.shapley.max-exact-channels).")),
          List.of(),
          "fit_date",
          Refresh.DATE_SLICE);

  public static final TableDefinition ATTRIBUTION_CREDIT =
      new TableDefinition(
          new TableId(Layer.MARTS, "attribution_credit"),
          "Each counted order's credit and revenue split over the sessions of its lookback window,"
              + " per model. Per conversion and model the credits sum to 1 and credited_revenue to"
              + " the conversion's revenue to the cent."
              + REPLACED,
          "order_id x model x touch_index",
          List.of("order_id", "model", "touch_index"),
          schema(
              required("order_id", StringType, "Shop order id of the conversion."),
              required("customer_key", StringType, "Unified customer key of the buyer."),
              required("conversion_at", TimestampType, "When the order was placed (UTC)."),
              required(
                  "conversion_date", DateType, "Date of conversion_at in the reporting time zone."),
              required("model", StringType, MODEL_COMMENT),
              required(
                  "touch_index",
                  IntegerType,
                  "1-based position of the touch on the path (by"
                      + " session start, then session_id); 0 on the (none) row."),
              required(
                  "touch_count", IntegerType, "Touches on the path; 0 for a conversion with none."),
              column("session_id", StringType, "The touch's session; null on the (none) row."),
              column("touch_at", TimestampType, "Session start (UTC); null on the (none) row."),
              required("channel", StringType, CHANNEL_COMMENT),
              required("campaign", StringType, CAMPAIGN_COMMENT),
              required("credit", DoubleType, "The touch's share of the conversion (0..1)."),
              required(
                  "credited_revenue",
                  MONEY,
                  "The touch's part of revenue, largest-remainder"
                      + " rounded so a conversion's parts sum to its revenue exactly."),
              required(
                  "revenue",
                  MONEY,
                  "The conversion's revenue (total_price - refunded_amount,"
                      + " reporting currency)."),
              required("is_new_customer", BooleanType, "The customer's first counted order.")),
          List.of("conversion_date"),
          "conversion_date",
          Refresh.DATE_SLICE);

  public static final TableDefinition ATTRIBUTION_CHANNEL_DAILY =
      new TableDefinition(
          new TableId(Layer.MARTS, "attribution_channel_daily"),
          "Attributed conversions and revenue per conversion date, model, channel and campaign,"
              + " with the new-customer split: attribution_credit summed for dashboards."
              + REPLACED,
          "conversion_date x model x channel x campaign",
          List.of("conversion_date", "model", "channel", "campaign"),
          schema(
              required(
                  "conversion_date",
                  DateType,
                  "Date of the conversions in the reporting time zone."),
              required("model", StringType, MODEL_COMMENT),
              required("channel", StringType, CHANNEL_COMMENT),
              required("campaign", StringType, CAMPAIGN_COMMENT),
              required("touches", LongType, "Touches credited (rows of attribution_credit)."),
              required("conversions", DoubleType, "Fractional conversions: the sum of credit."),
              required("revenue", MONEY, "Attributed revenue: the sum of credited_revenue."),
              required("new_customer_conversions", DoubleType, "conversions of first orders."),
              required("new_customer_revenue", MONEY, "revenue of first orders."),
              required(
                  "returning_customer_conversions", DoubleType, "conversions of repeat orders."),
              required("returning_customer_revenue", MONEY, "revenue of repeat orders.")),
          List.of(),
          "conversion_date",
          Refresh.DATE_SLICE);

  public static final TableDefinition STAGE_ATTRIBUTION =
      new TableDefinition(
          new TableId(Layer.MARTS, "stage_attribution"),
          "Channel credit for journey stage transitions (awareness -> consideration, consideration"
              + " -> purchase, purchase -> retention) under the rule-based models: which channels"
              + " move people along, not only which close orders. A transition's path is its"
              + " sessions from the earlier stage to the later one, within the lookback window."
              + REPLACED,
          "transition_date x transition x model x channel x campaign",
          List.of("transition_date", "transition", "model", "channel", "campaign"),
          schema(
              required(
                  "transition_date",
                  DateType,
                  "Date the later stage was reached (reporting time zone)."),
              required(
                  "transition",
                  StringType,
                  "awareness->consideration, consideration->purchase" + " or purchase->retention."),
              required("from_stage", StringType, "awareness, consideration or purchase."),
              required("to_stage", StringType, "consideration, purchase or retention."),
              required(
                  "model",
                  StringType,
                  "first_touch, last_touch, last_non_direct, linear,"
                      + " position_based or time_decay."),
              required(
                  "channel",
                  StringType,
                  "GA4 default channel group; (none) for a transition"
                      + " with no session between the stages."),
              required("campaign", StringType, CAMPAIGN_COMMENT),
              required("touches", LongType, "Sessions credited."),
              required(
                  "transitions",
                  DoubleType,
                  "Fractional transitions: the sum of credit; per date,"
                      + " transition and model it sums to the customers who made the transition."),
              required(
                  "revenue",
                  MONEY,
                  "Credited revenue of the order that made the transition"
                      + " (first order for purchase, second for retention); 0 for consideration.")),
          List.of(),
          "transition_date",
          Refresh.DATE_SLICE);

  public static final List<TableDefinition> ALL =
      List.of(
          ATTRIBUTION_MODEL_FIT,
          ATTRIBUTION_CHANNEL_SETS,
          ATTRIBUTION_CREDIT,
          ATTRIBUTION_CHANNEL_DAILY,
          STAGE_ATTRIBUTION);

  private AttributionTables() {}
}
