package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.journeywarehouse.catalog.Columns.MONEY;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/** Marts over whole customer journeys: the paths people take (for Sankey charts). */
public final class JourneyTables {
  public static final TableDefinition JOURNEY_PATHS =
      new TableDefinition(
          new TableId(Layer.MARTS, "journey_paths"),
          "The most common journeys, as links between consecutive steps for Sankey charts: channel"
              + " paths (the channels of a customer's sessions up to the first purchase, repeats"
              + " collapsed, the last journey.paths.max-steps kept, ending in (purchase) or (no"
              + " purchase)) and stage paths (the stages reached, in time order, ending in"
              + " (end)). The journey.paths.top-paths most common paths of each type keep their"
              + " name; the rest are grouped as (other). Each customer is on one path per type, so"
              + " sum customers over step_index = 1 only. Current state as of as_of_date.",
          "path_type x path_rank x step_index",
          List.of("path_type", "path_rank", "step_index"),
          schema(
              required("as_of_date", DateType, StageTables.AS_OF_COMMENT),
              required("path_type", StringType, "channel or stage."),
              required(
                  "path_rank",
                  IntegerType,
                  "1 for the most common path of its type, 2, ...;"
                      + " the (other) groups come last."),
              required(
                  "path",
                  StringType,
                  "The whole path, its nodes joined by ' > ', e.g."
                      + " 'Organic Search > Email > (purchase)', or '(other) > (purchase)'."),
              required("path_steps", IntegerType, "Links on the path (nodes - 1)."),
              required(
                  "step_index",
                  IntegerType,
                  "1 for the link from the first node to the second, 2, ..."),
              required(
                  "node",
                  StringType,
                  "The link's first node: a channel, a stage, (none) for"
                      + " a buyer without a session, or (other)."),
              required(
                  "next_node",
                  StringType,
                  "The link's second node (an end node on the last link)."),
              required(
                  "source_node",
                  StringType,
                  "node prefixed with its position ('1 Organic"
                      + " Search'), so a Sankey chart never sees a cycle."),
              required("target_node", StringType, "next_node prefixed with its position."),
              required(
                  "customers", LongType, "Customers on the path (the same on each of its links)."),
              required("converted_customers", LongType, "Of them, customers with a counted order."),
              required("revenue", MONEY, "Revenue of their first counted orders.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL = List.of(JOURNEY_PATHS);

  private JourneyTables() {}
}
