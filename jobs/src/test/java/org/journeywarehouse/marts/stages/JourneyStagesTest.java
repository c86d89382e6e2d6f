package org.journeywarehouse.marts.stages;

import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.money;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class JourneyStagesTest {
  /** The columns of journey_silver.sessions and conversions that stages read. */
  private static final StructType SESSIONS =
      new StructType()
          .add("session_id", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType)
          .add("session_start_at", DataTypes.TimestampType)
          .add("is_engaged", DataTypes.BooleanType);

  private static final StructType CONVERSIONS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType)
          .add("conversion_at", DataTypes.TimestampType)
          .add("revenue", Columns.MONEY)
          .add("order_sequence", DataTypes.IntegerType);
  private static final StructType STAGES =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("awareness_at", DataTypes.TimestampType)
          .add("consideration_at", DataTypes.TimestampType)
          .add("purchase_at", DataTypes.TimestampType)
          .add("retention_at", DataTypes.TimestampType)
          .add("first_order_revenue", Columns.MONEY)
          .add("second_order_revenue", Columns.MONEY);

  @Test
  void observedStagesAreFirstOccurrencesAndStayNullWhenUnseen() {
    // web: sessions at 11-01 (not engaged) and 11-02 (engaged), then 11-03 (engaged): awareness
    //   11-01, consideration 11-02 (the first engaged, not the first session); orders 1, 2, 3:
    //   purchase and retention are sequences 1 and 2 (12.50, 7.00); the third is no stage.
    // browser: one session, no order: purchase and retention null.
    // till: orders only: awareness and consideration null (effective stages are not here).
    Dataset<Row> sessions =
        rows(
            SESSIONS,
            session("s-1", "web", "2026-11-01T09:00:00Z", false),
            session("s-3", "web", "2026-11-03T09:00:00Z", true),
            session("s-2", "web", "2026-11-02T09:00:00Z", true),
            session("s-4", "browser", "2026-11-04T09:00:00Z", false));
    Dataset<Row> conversions =
        rows(
            CONVERSIONS,
            order("o-1", "web", "2026-11-02T09:30:00Z", "12.50", 1),
            order("o-2", "web", "2026-11-05T09:30:00Z", "7.00", 2),
            order("o-3", "web", "2026-11-06T09:30:00Z", "3.00", 3),
            order("o-4", "till", "2026-11-07T09:30:00Z", "20.00", 1));

    assertSameRows(
        rows(
            STAGES,
            new Object[] {
              "web",
              at("2026-11-01T09:00:00Z"),
              at("2026-11-02T09:00:00Z"),
              at("2026-11-02T09:30:00Z"),
              at("2026-11-05T09:30:00Z"),
              money("12.50"),
              money("7.00")
            },
            new Object[] {"browser", at("2026-11-04T09:00:00Z"), null, null, null, null, null},
            new Object[] {
              "till", null, null, at("2026-11-07T09:30:00Z"), null, money("20.00"), null
            }),
        JourneyStages.observed(sessions, conversions));
  }

  private static Object[] session(String id, String customer, String start, boolean engaged) {
    return new Object[] {id, customer, at(start), engaged};
  }

  private static Object[] order(
      String id, String customer, String placedAt, String revenue, int sequence) {
    return new Object[] {id, customer, at(placedAt), money(revenue), sequence};
  }
}
