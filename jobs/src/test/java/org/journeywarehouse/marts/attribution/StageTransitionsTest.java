package org.journeywarehouse.marts.attribution;

import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.money;

import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class StageTransitionsTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final StructType STAGES =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("awareness_at", DataTypes.TimestampType)
          .add("consideration_at", DataTypes.TimestampType)
          .add("purchase_at", DataTypes.TimestampType)
          .add("retention_at", DataTypes.TimestampType)
          .add("first_order_revenue", Columns.MONEY)
          .add("second_order_revenue", Columns.MONEY);
  private static final StructType TRANSITIONS =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("transition", DataTypes.StringType)
          .add("from_stage", DataTypes.StringType)
          .add("to_stage", DataTypes.StringType)
          .add("from_at", DataTypes.TimestampType)
          .add("to_at", DataTypes.TimestampType)
          .add("transition_date", DataTypes.DateType)
          .add("revenue", Columns.MONEY);
  private static final StructType SESSIONS =
      new StructType()
          .add("session_id", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType)
          .add("session_start_at", DataTypes.TimestampType)
          .add("channel", DataTypes.StringType)
          .add("campaign", DataTypes.StringType);
  private static final StructType PATHS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("touch_index", DataTypes.IntegerType)
          .add("touch_count", DataTypes.IntegerType)
          .add("session_id", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("campaign", DataTypes.StringType);

  @Test
  void transitionsNeedBothStagesObservedInOrder() {
    // all: every stage, in order: three transitions; revenue 0.00, the first order's 12.50 and
    //   the second's 7.00. Dates in New York (UTC-5 after 2026-11-01): consideration at
    //   11-03 03:00 UTC is 11-02 22:00 there, so 2026-11-02.
    // late: bought at the till (11-01) before browsing (11-05): consideration after purchase
    //   gives no consideration->purchase; no second order, no retention. Only
    //   awareness->consideration, both at 11-05 15:00 UTC (10:00 New York).
    // till: purchase only: nothing.
    Dataset<Row> stages =
        rows(
            STAGES,
            new Object[] {
              "all",
              at("2026-11-01T12:00:00Z"),
              at("2026-11-03T03:00:00Z"),
              at("2026-11-04T12:00:00Z"),
              at("2026-11-09T12:00:00Z"),
              money("12.50"),
              money("7.00")
            },
            new Object[] {
              "late",
              at("2026-11-05T15:00:00Z"),
              at("2026-11-05T15:00:00Z"),
              at("2026-11-01T12:00:00Z"),
              null,
              money("20.00"),
              null
            },
            new Object[] {
              "till", null, null, at("2026-11-02T12:00:00Z"), null, money("5.00"), null
            });

    assertSameRows(
        rows(
            TRANSITIONS,
            new Object[] {
              "all",
              "awareness->consideration",
              "awareness",
              "consideration",
              at("2026-11-01T12:00:00Z"),
              at("2026-11-03T03:00:00Z"),
              day("2026-11-02"),
              money("0.00")
            },
            new Object[] {
              "all",
              "consideration->purchase",
              "consideration",
              "purchase",
              at("2026-11-03T03:00:00Z"),
              at("2026-11-04T12:00:00Z"),
              day("2026-11-04"),
              money("12.50")
            },
            new Object[] {
              "all",
              "purchase->retention",
              "purchase",
              "retention",
              at("2026-11-04T12:00:00Z"),
              at("2026-11-09T12:00:00Z"),
              day("2026-11-09"),
              money("7.00")
            },
            new Object[] {
              "late",
              "awareness->consideration",
              "awareness",
              "consideration",
              at("2026-11-05T15:00:00Z"),
              at("2026-11-05T15:00:00Z"),
              day("2026-11-05"),
              money("0.00")
            }),
        StageTransitions.transitions(stages, NEW_YORK));
  }

  @Test
  void pathsOrderTiesBySessionIdAndKeepEmptyTransitionsAsNone() {
    // k|consideration->purchase runs 11-01 12:00 .. 11-04 12:00 UTC: s-b and s-a start at the
    //   same instant and are ordered by session_id (s-a 1, s-b 2), s-c at to_at is the last (3);
    //   s-0 before from_at, s-late after to_at and other's s-x are not on it.
    // k2|purchase->retention (11-04 12:00 .. 11-06 12:00): k2's only session s-y (11-04 11:00)
    //   is in the lookback but before from_at, so one (none) row: touch_index 0, touch_count 0.
    Dataset<Row> transitions =
        rows(
            TRANSITIONS,
            new Object[] {
              "k",
              "consideration->purchase",
              "consideration",
              "purchase",
              at("2026-11-01T12:00:00Z"),
              at("2026-11-04T12:00:00Z"),
              day("2026-11-04"),
              money("10.00")
            },
            new Object[] {
              "k2",
              "purchase->retention",
              "purchase",
              "retention",
              at("2026-11-04T12:00:00Z"),
              at("2026-11-06T12:00:00Z"),
              day("2026-11-06"),
              money("5.00")
            });
    Dataset<Row> sessions =
        rows(
            SESSIONS,
            new Object[] {"s-0", "k", at("2026-11-01T11:59:59Z"), "Direct", "(not set)"},
            new Object[] {"s-b", "k", at("2026-11-02T08:00:00Z"), "Email", "news"},
            new Object[] {"s-a", "k", at("2026-11-02T08:00:00Z"), "Paid Search", "brand"},
            new Object[] {"s-c", "k", at("2026-11-04T12:00:00Z"), "Direct", "(not set)"},
            new Object[] {"s-late", "k", at("2026-11-04T12:00:01Z"), "Referral", "(not set)"},
            new Object[] {"s-x", "other", at("2026-11-03T08:00:00Z"), "Display", "(not set)"},
            new Object[] {"s-y", "k2", at("2026-11-04T11:00:00Z"), "Email", "(not set)"});

    assertSameRows(
        rows(
            PATHS,
            new Object[] {"k|consideration->purchase", 1, 3, "s-a", "Paid Search", "brand"},
            new Object[] {"k|consideration->purchase", 2, 3, "s-b", "Email", "news"},
            new Object[] {"k|consideration->purchase", 3, 3, "s-c", "Direct", "(not set)"},
            new Object[] {"k2|purchase->retention", 0, 0, null, "(none)", "(none)"}),
        StageTransitions.paths(transitions, sessions, 30)
            .select("order_id", "touch_index", "touch_count", "session_id", "channel", "campaign"));
  }
}
