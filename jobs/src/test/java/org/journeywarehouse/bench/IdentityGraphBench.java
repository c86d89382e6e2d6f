package org.journeywarehouse.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.silver.identity.IdentifierType;
import org.journeywarehouse.silver.identity.IdentityLinks;
import org.journeywarehouse.silver.identity.IdentityStitch;

/**
 * Benchmark (not a test): {@link IdentityStitch#stitch} over a synthetic identity graph built in
 * Spark from {@code spark.range} (no driver loops over rows), as a full rebuild would see it.
 * Prints one JSON object: people, observation rows, identifiers, links, rounds, edges per
 * round, seconds and rows/s. Run through bench/identity-graph.sh.
 *
 * <p>Shape per person p: 1 to 4 cookies, 0 to 2 devices, a store account for 60%, 0 to 2
 * emails, a phone for half. Web records (cookie, device, account on every other cookie),
 * orders (account, email, phone, first cookie), tickets and surveys. Plus long chains (one per
 * 1,000 people: 100 cookie-device-cookie hops, diameter 200), one kiosk cookie on 2,000 people's
 * devices and one placeholder email on 500 accounts (both refused by the default guards).
 *
 * <pre>args: people [shuffle-partitions]</pre>
 */
public final class IdentityGraphBench {
  private static final Map<IdentifierType, Integer> MAX_LINKED =
      Map.of(IdentifierType.CUSTOMER_ID, 3, IdentifierType.EMAIL, 3, IdentifierType.PHONE, 3,
          IdentifierType.DEVICE_ID, 10, IdentifierType.ANONYMOUS_ID, 50); // reference.conf

  private IdentityGraphBench() {}

  public static void main(String[] args) {
    long people = Long.parseLong(args[0]);
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    SparkSession spark =
        SparkSession.builder()
            .appName("identity-graph-bench")
            .master(System.getProperty("spark.master", "local[*]"))
            .config("spark.sql.shuffle.partitions", partitions)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");

    long t0 = System.nanoTime();
    Dataset<Row> observations = observations(spark, people).persist();
    long rows = observations.count();
    Dataset<Row> scope = observations.select("identifier_type", "identifier").distinct().persist();
    long identifiers = scope.count();
    double buildSeconds = seconds(t0);

    long t1 = System.nanoTime();
    IdentityStitch.Result result = IdentityStitch.stitch(observations, scope, identifiers,
        MAX_LINKED, false);
    double componentsSeconds = seconds(t1); // guards, links, edges and connected components
    long customers = result.assigned().select("customer_key").distinct().count();
    long guarded = result.guarded().count();
    double stitchSeconds = seconds(t1); // plus keys (assign) and the guarded rows
    long links = IdentityLinks.links(observations).count(); // after the timing (cached input)

    System.out.println(String.format(Locale.ROOT,
        "{\"people\": %d, \"shuffle_partitions\": %d, \"observation_rows\": %d,"
            + " \"identifiers\": %d, \"links\": %d, \"customers\": %d, \"guarded\": %d,"
            + " \"rounds\": %d, \"round_cap\": %d, \"edges_per_round\": %s,"
            + " \"build_input_seconds\": %.1f, \"guards_and_components_seconds\": %.1f,"
            + " \"stitch_seconds\": %.1f, \"observation_rows_per_second\": %.0f,"
            + " \"identifiers_per_second\": %.0f}",
        people, partitions, rows, identifiers, links, customers, guarded,
        result.components().rounds(),
        org.journeywarehouse.silver.identity.ConnectedComponents.defaultRoundCap(identifiers),
        result.components().edgesPerRound(), buildSeconds, componentsSeconds, stitchSeconds,
        rows / stitchSeconds, identifiers / stitchSeconds));
    spark.stop();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** identity_observations rows for the synthetic population (every record's identifiers). */
  static Dataset<Row> observations(SparkSession spark, long people) {
    Dataset<Row> persons = spark.range(people).selectExpr("id AS p", "1 + id % 4 AS nc",
        "id % 3 AS nd", "id % 10 < 6 AS acc",
        "CASE WHEN id % 10 < 8 THEN 1 + CAST(id % 7 = 0 AS INT) ELSE 0 END AS nem",
        "id % 2 = 0 AS ph");

    Dataset<Row> web = persons
        .withColumn("j", explode(expr("sequence(0, nc - 1)")))
        .selectExpr("'web_events' AS source", "concat('w', p, '_', j) AS record_id", "p",
            "array(named_struct('t', 'anonymous_id', 'v', concat('a', p, '_', j)),"
                + " IF(nd > 0, named_struct('t', 'device_id', 'v', concat('d', p, '_', j % nd)), NULL),"
                + " IF(acc AND j % 2 = 0, named_struct('t', 'customer_id', 'v', concat('c', p)), NULL)) AS ids");
    Dataset<Row> orders = persons.where("acc")
        .selectExpr("'orders' AS source", "concat('o', p) AS record_id", "p",
            "array(named_struct('t', 'customer_id', 'v', concat('c', p)),"
                + " IF(nem > 0, named_struct('t', 'email', 'v', concat('e', p, '_0')), NULL),"
                + " IF(ph, named_struct('t', 'phone', 'v', concat('ph', p)), NULL),"
                + " named_struct('t', 'anonymous_id', 'v', concat('a', p, '_0'))) AS ids");
    Dataset<Row> tickets = persons.where("p % 5 = 1")
        .selectExpr("'support_tickets' AS source", "concat('t', p) AS record_id", "p",
            "array(IF(nem > 0, named_struct('t', 'email', 'v', concat('e', p, '_', nem - 1)), NULL),"
                + " IF(ph, named_struct('t', 'phone', 'v', concat('ph', p)), NULL),"
                + " IF(acc, named_struct('t', 'customer_id', 'v', concat('c', p)), NULL)) AS ids");
    Dataset<Row> surveys = persons.where("p % 7 = 3 AND nem > 0")
        .selectExpr("'survey_responses' AS source", "concat('s', p) AS record_id", "p",
            "array(named_struct('t', 'email', 'v', concat('e', p, '_0')),"
                + " IF(acc, named_struct('t', 'customer_id', 'v', concat('c', p)), NULL)) AS ids");
    // Chains: cookie i and cookie i+1 share device i; 100 hops each, one chain per 1,000 people.
    Dataset<Row> chains = spark.range(Math.max(1, people / 1000) * 200)
        .selectExpr("'web_events' AS source", "concat('ch', id) AS record_id", "id AS p",
            "array(named_struct('t', 'anonymous_id', 'v',"
                + " concat('ca', id DIV 200, '_', (id % 200) DIV 2 + id % 2)),"
                + " named_struct('t', 'device_id', 'v', concat('cd', id DIV 200, '_', (id % 200) DIV 2))) AS ids");
    // Junk: a kiosk cookie on 2,000 people's devices, a placeholder email on 500 accounts.
    Dataset<Row> kiosk = spark.range(Math.min(2000, people / 3))
        .selectExpr("'web_events' AS source", "concat('k', id) AS record_id", "id * 3 + 1 AS p",
            "array(named_struct('t', 'anonymous_id', 'v', 'kiosk'),"
                + " named_struct('t', 'device_id', 'v', concat('d', id * 3 + 1, '_0'))) AS ids");
    Dataset<Row> placeholder = spark.range(Math.min(500, people / 10))
        .selectExpr("'orders' AS source", "concat('oj', id) AS record_id", "id * 10 AS p",
            "array(named_struct('t', 'customer_id', 'v', concat('c', id * 10)),"
                + " named_struct('t', 'email', 'v', 'placeholder')) AS ids");

    return web.union(orders).union(tickets).union(surveys).union(chains).union(kiosk)
        .union(placeholder)
        .withColumn("id", explode(col("ids")))
        .where("id IS NOT NULL")
        .selectExpr("source", "record_id", "id.t AS identifier_type", "id.v AS identifier",
            "timestamp_seconds(1767225600 + p) AS first_seen_at",
            "timestamp_seconds(1767225600 + p + 3600) AS last_seen_at",
            "date_add(DATE'2026-01-01', CAST(p % 90 AS INT)) AS first_landing_date",
            "CAST(NULL AS TIMESTAMP) AS record_updated_at",
            "date_add(DATE'2026-01-01', CAST(p % 90 AS INT)) AS record_landing_date",
            "CAST(NULL AS STRING) AS record_source_file");
  }
}
