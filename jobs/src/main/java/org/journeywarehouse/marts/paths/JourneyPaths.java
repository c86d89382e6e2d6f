package org.journeywarehouse.marts.paths;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.journeywarehouse.catalog.Columns;

/**
 * The paths of journey_paths: each customer's channel path and stage path, the most common paths by
 * name and the rest as (other), and the links between consecutive nodes a Sankey chart draws. Pure:
 * Dataset in, Dataset out.
 */
public final class JourneyPaths {
  public static final String CHANNEL = "channel";
  public static final String STAGE = "stage";
  static final String PURCHASE = "(purchase)";
  static final String NO_PURCHASE = "(no purchase)";
  static final String END = "(end)";
  static final String OTHER = "(other)";
  static final String NONE = "(none)";

  /** The observed-stage columns of customer_stages, in stage order (ties keep this order). */
  private static final String[] STAGES = {
    "awareness", "consideration", "purchase", "retention", "advocacy"
  };

  private JourneyPaths() {}

  /**
   * Each customer's channel path: {@code customer_key, nodes} (array), {@code converted}, {@code
   * revenue}. The channels of its sessions up to its first counted order (all of them without one),
   * ordered by start then session_id, consecutive repeats collapsed (Email, Email, Direct is Email,
   * Direct), the last {@code maxSteps} kept, then (purchase) or (no purchase). A buyer with no
   * session before the first order has the path (none) > (purchase).
   *
   * @param sessions customer_key, session_id, session_start_at, channel
   * @param conversions customer_key, conversion_at, revenue, order_sequence
   */
  public static Dataset<Row> channelPaths(
      Dataset<Row> sessions, Dataset<Row> conversions, int maxSteps) {
    Dataset<Row> firstOrders = firstOrders(conversions);
    WindowSpec inOrder =
        Window.partitionBy(col("customer_key")).orderBy(col("session_start_at"), col("session_id"));
    Dataset<Row> beforePurchase =
        sessions
            .select("customer_key", "session_id", "session_start_at", "channel")
            .join(firstOrders, new String[] {"customer_key"}, "left")
            .where(col("purchase_at").isNull().or(col("session_start_at").leq(col("purchase_at"))))
            .withColumn("_previous", lag(col("channel"), 1).over(inOrder))
            // Collapse repeats: a session on the channel of the one before adds no step.
            .where(col("_previous").isNull().or(not(col("_previous").equalTo(col("channel")))));
    Column channels =
        transform(
            array_sort(
                collect_list(struct(col("session_start_at"), col("session_id"), col("channel")))),
            t -> t.getField("channel"));
    Dataset<Row> withSessions =
        beforePurchase
            .groupBy("customer_key")
            .agg(
                channels.as("channels"),
                max("purchase_at").as("purchase_at"),
                max("revenue").as("revenue"));
    Column lastSteps =
        slice(
            col("channels"),
            greatest(size(col("channels")).minus(maxSteps - 1), lit(1)),
            lit(maxSteps));
    Column end = when(col("purchase_at").isNotNull(), lit(PURCHASE)).otherwise(lit(NO_PURCHASE));
    Dataset<Row> webPaths =
        withSessions.select(
            col("customer_key"), concat(lastSteps, array(end)).as("nodes"),
            col("purchase_at").isNotNull().as("converted"), money(col("revenue")).as("revenue"));
    Dataset<Row> withoutSessions =
        firstOrders
            .join(withSessions, new String[] {"customer_key"}, "left_anti")
            .select(
                col("customer_key"),
                array(lit(NONE), lit(PURCHASE)).as("nodes"),
                lit(true).as("converted"),
                col("revenue"));
    return webPaths.unionByName(withoutSessions);
  }

  /**
   * Each customer's stage path: the observed stages of customer_stages in time order (ties in stage
   * order), then (end); {@code converted} when a purchase was observed, {@code revenue} its first
   * counted order's.
   */
  public static Dataset<Row> stagePaths(Dataset<Row> customerStages, Dataset<Row> conversions) {
    Column[] reached = new Column[STAGES.length];
    for (int i = 0; i < STAGES.length; i++) {
      reached[i] =
          struct(
              col(STAGES[i] + "_observed_at").as("at"),
              lit(i).as("order"),
              lit(STAGES[i]).as("stage"));
    }
    Column observed = filter(array(reached), s -> s.getField("at").isNotNull());
    Column nodes =
        concat(transform(array_sort(observed), s -> s.getField("stage")), array(lit(END)));
    return customerStages
        .join(firstOrders(conversions), new String[] {"customer_key"}, "left")
        .select(
            col("customer_key"),
            nodes.as("nodes"),
            col("purchase_observed_at").isNotNull().as("converted"),
            money(when(col("purchase_observed_at").isNotNull(), col("revenue"))).as("revenue"));
  }

  /**
   * The links of journey_paths (all its columns but as_of_date) from customer paths ({@code
   * path_type, customer_key, nodes, converted, revenue}): per path type the {@code topPaths} most
   * common paths (by customers, then path text) keep their name and rank; the others become (other)
   * followed by their end node, ranked after them.
   */
  public static Dataset<Row> links(Dataset<Row> customerPaths, int topPaths) {
    Dataset<Row> byPath =
        customerPaths
            .groupBy("path_type", "nodes")
            .agg(
                count(lit(1)).as("customers"),
                sum(col("converted").cast("long")).as("converted_customers"),
                sum("revenue").as("revenue"));
    WindowSpec perType = Window.partitionBy(col("path_type"));
    Column path = array_join(col("nodes"), " > ");
    Column popularity = row_number().over(perType.orderBy(col("customers").desc(), path));
    Column named = col("_popularity").leq(topPaths);
    // Paths outside the top become (other) followed by their end node, and are summed again.
    Dataset<Row> grouped =
        byPath
            .withColumn("_popularity", popularity)
            .withColumn("is_other", not(named))
            .withColumn(
                "nodes",
                when(named, col("nodes"))
                    .otherwise(array(lit(OTHER), element_at(col("nodes"), -1))))
            .groupBy("path_type", "nodes", "is_other")
            .agg(
                sum("customers").as("customers"),
                sum("converted_customers").as("converted_customers"),
                money(sum("revenue")).as("revenue"));
    Column rank =
        row_number().over(perType.orderBy(col("is_other"), col("customers").desc(), path));
    Column steps = size(col("nodes")).minus(1);
    Column link =
        transform(
            sequence(lit(1), steps),
            i ->
                struct(
                    i.as("step_index"),
                    element_at(col("nodes"), i).as("node"),
                    element_at(col("nodes"), i.plus(1)).as("next_node")));
    // Ranked per path before its links are exploded (a window beside a generator would count
    // the links).
    return grouped
        .withColumn("path_rank", rank)
        .select(
            col("path_type"),
            col("path_rank"),
            path.as("path"),
            steps.as("path_steps"),
            explode(link).as("l"),
            col("customers"),
            col("converted_customers"),
            col("revenue"))
        .select(
            col("path_type"),
            col("path_rank"),
            col("path"),
            col("path_steps"),
            col("l.step_index").as("step_index"),
            col("l.node").as("node"),
            col("l.next_node").as("next_node"),
            concat_ws(" ", col("l.step_index").cast("string"), col("l.node")).as("source_node"),
            concat_ws(" ", col("l.step_index").plus(1).cast("string"), col("l.next_node"))
                .as("target_node"),
            col("customers"),
            col("converted_customers"),
            col("revenue"));
  }

  /** customer_key, purchase_at, revenue of each customer's first counted order. */
  private static Dataset<Row> firstOrders(Dataset<Row> conversions) {
    return conversions
        .where(col("order_sequence").equalTo(1))
        .select(col("customer_key"), col("conversion_at").as("purchase_at"), col("revenue"));
  }

  private static Column money(Column amount) {
    return coalesce(amount, lit(BigDecimal.ZERO)).cast(Columns.MONEY);
  }
}
