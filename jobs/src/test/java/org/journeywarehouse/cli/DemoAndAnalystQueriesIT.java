package org.journeywarehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's first command, {@code bin/journey demo}, on the built jar, then every example
 * analyst query in docs/queries/ through {@code bin/journey sql}, each checked against numbers
 * taken independently from journey_silver: whatever the model, revenue and conversions must add up
 * to the silver layer's. The demo's data carry a planted channel effect (Email converts best per
 * session, Display worst; _ground_truth/channel_effect.json): the data-driven models must rank them
 * so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoAndAnalystQueriesIT {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Path ROOT = Path.of(System.getProperty("journey.project.root")).normalize();
  private static final Path QUERIES = ROOT.resolve("docs/queries");

  /** "last 30 days" in the queries: the 30 days up to the latest conversion date. */
  private static final String LAST_30_DAYS =
      "conversion_date > date_sub((SELECT max(conversion_date) FROM journey_silver.conversions),"
          + " 30)";

  private Path work;
  private String demoOutput;

  @BeforeAll
  void runTheDemo() throws Exception {
    work =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "journey-demo-");
    Result demo = journey("demo");
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    demoOutput = demo.output();
  }

  @Test
  void theDemoEndsWithTheAttributionSummary() {
    assertThat(demoOutput)
        .contains("Unified customers")
        .contains("Attribution: share of revenue by channel, 2026-09-01..2026-10-15")
        .contains("every model credits the same")
        .contains("attribution_credit: succeeded")
        .contains("stage_attribution: succeeded")
        .contains("Journey headlines")
        .contains("median days from first visit to first purchase")
        .contains("loyal customers 2026-10 (decided at the prior month's end)")
        .contains("loyal customers 2026-10 (same period: inflated)")
        .contains("customer_360: succeeded")
        .contains("support_effect: succeeded")
        .doesNotContain(": failed");
  }

  @Test
  void everyQueryInTheFolderIsCoveredHere() throws IOException {
    try (Stream<Path> files = Files.list(QUERIES)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly(
              "cart_abandonment_by_channel.sql",
              "channels_that_move_people_along.sql",
              "cohort_retention_curve.sql",
              "data_driven_channel_value.sql",
              "first_vs_last_touch.sql",
              "loyal_share_of_revenue_by_month.sql",
              "median_days_to_first_purchase_by_channel.sql",
              "new_customers_by_channel.sql",
              "nps_of_customers_who_contacted_support.sql",
              "path_lengths.sql",
              "revenue_by_channel_per_model.sql",
              "support_effect_on_repeat_purchase.sql",
              "top_campaigns_markov_vs_last_touch.sql");
    }
  }

  @Test
  void revenueByChannelAddsUpToTheMonthsRevenueUnderEveryModel() throws Exception {
    List<JsonNode> rows = query("revenue_by_channel_per_model.sql");
    BigDecimal silver =
        scalar(
                "SELECT sum(revenue) FROM journey_silver.conversions WHERE trunc(conversion_date,"
                    + " 'MM') = (SELECT trunc(max(conversion_date), 'MM') FROM"
                    + " journey_silver.conversions)")
            .decimalValue();
    for (String model :
        List.of(
            "first_touch",
            "last_touch",
            "last_non_direct",
            "linear",
            "position_based",
            "time_decay",
            "markov",
            "shapley")) {
      BigDecimal total =
          rows.stream()
              .map(r -> r.get(model).decimalValue())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(total).as(model).isEqualByComparingTo(silver);
    }
    assertThat(rows)
        .extracting(r -> r.get("channel").asText())
        .contains("Email", "Display", "(none)");
  }

  @Test
  void firstAndLastTouchCreditTheSameConversionsDifferently() throws Exception {
    List<JsonNode> rows = query("first_vs_last_touch.sql");
    long conversions =
        scalar("SELECT count(*) FROM journey_silver.conversions WHERE " + LAST_30_DAYS).asLong();
    assertThat(sum(rows, "first_touch_conversions")).isCloseTo(conversions, within(1e-6));
    assertThat(sum(rows, "last_touch_conversions")).isCloseTo(conversions, within(1e-6));
    assertThat(sum(rows, "difference")).isCloseTo(0, within(1e-6));
    // The planted closer: Email is the strongest per-session converter, so last touch favours it.
    JsonNode email = row(rows, "channel", "Email");
    assertThat(email.get("difference").asDouble()).isNegative();
  }

  @Test
  void theDataDrivenModelsRankThePlantedStrongChannelAboveTheWeakOne() throws Exception {
    JsonNode planted =
        JSON.readTree(work.resolve("landing/_ground_truth/channel_effect.json").toFile());
    String strongest = planted.get("strongest").asText();
    String weakest = planted.get("weakest").asText();
    List<JsonNode> rows = query("data_driven_channel_value.sql");

    assertThat(sum(rows, "markov_share")).isCloseTo(1, within(1e-3)); // shares rounded to 4 places
    assertThat(sum(rows, "shapley_share")).isCloseTo(1, within(1e-3));
    for (String model :
        List.of("markov_share", "shapley_share", "markov_removal_effect", "path_conversion_rate")) {
      assertThat(row(rows, "channel", strongest).get(model).asDouble())
          .as("%s: %s above %s", model, strongest, weakest)
          .isGreaterThan(row(rows, "channel", weakest).get(model).asDouble());
    }
  }

  @Test
  void newCustomersAddUpToTheFirstOrders() throws Exception {
    List<JsonNode> rows = query("new_customers_by_channel.sql");
    long firstOrders =
        scalar(
                "SELECT count(*) FROM journey_silver.conversions WHERE is_first_order AND "
                    + LAST_30_DAYS)
            .asLong();
    assertThat(sum(rows, "new_customers")).isCloseTo(firstOrders, within(0.01 * rows.size()));
    assertThat(rows.get(0).get("all_new_customers").asDouble())
        .isCloseTo(firstOrders, within(0.01));
    assertThat(sum(rows, "share_of_new_customers")).isCloseTo(1, within(1e-3));
  }

  @Test
  void topCampaignsAreTheTenLargestByMarkovRevenue() throws Exception {
    List<JsonNode> rows = query("top_campaigns_markov_vs_last_touch.sql");
    assertThat(rows).hasSize(10);
    List<BigDecimal> revenue =
        rows.stream().map(r -> r.get("markov_revenue").decimalValue()).toList();
    assertThat(revenue).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(rows).extracting(r -> r.get("channel").asText()).doesNotContain("(none)");
  }

  @Test
  void stageTransitionsAddUpToTheCustomersWhoMadeThem() throws Exception {
    List<JsonNode> rows = query("channels_that_move_people_along.sql");
    // Every linear credit of a transition sums to 1; a customer reaches each stage once, so the
    // column totals are the transitions of the 30 days, whichever model credits them.
    long toPurchase =
        Math.round(
            scalar(
                    "SELECT sum(transitions) FROM journey_marts.stage_attribution WHERE model ="
                        + " 'first_touch' AND transition = 'consideration->purchase' AND"
                        + " transition_date > date_sub((SELECT max(transition_date) FROM"
                        + " journey_marts.stage_attribution), 30)")
                .asDouble());
    long firstOrders =
        scalar(
                "SELECT count(*) FROM journey_silver.conversions WHERE is_first_order AND "
                    + LAST_30_DAYS)
            .asLong();
    assertThat(sum(rows, "to_purchase")).isCloseTo(toPurchase, within(0.01 * rows.size()));
    assertThat(toPurchase).isPositive().isLessThanOrEqualTo(firstOrders);
    assertThat(sum(rows, "to_consideration")).isPositive();
  }

  @Test
  void pathLengthsCoverEveryConversionAndTheUntouchedOnesGoToNone() throws Exception {
    List<JsonNode> rows = query("path_lengths.sql");
    long conversions =
        scalar("SELECT count(*) FROM journey_silver.conversions WHERE " + LAST_30_DAYS).asLong();
    long untouched =
        scalar(
                "SELECT count(*) FROM journey_marts.attribution_credit WHERE model = 'linear'"
                    + " AND channel = '(none)' AND "
                    + LAST_30_DAYS)
            .asLong();
    assertThat(sum(rows, "conversions")).isEqualTo(conversions);
    assertThat(row(rows, "touches", "0").get("conversions").asLong()).isEqualTo(untouched);
    assertThat(rows)
        .extracting(r -> r.get("touches").asText())
        .containsExactly("0", "1", "2", "3", "4", "5+");
  }

  @Test
  void medianDaysToFirstPurchaseAreThePercentilesOfTheCustomersBehindThem() throws Exception {
    // The mart's percentiles, recomputed from customer_stages' own rows for the largest channel.
    List<JsonNode> rows = query("median_days_to_first_purchase_by_channel.sql");
    JsonNode largest = rows.get(0);
    String channel = largest.get("first_touch_channel").asText();
    JsonNode direct =
        scalarRow("SELECT count(*) AS n, round(percentile(days_awareness_to_purchase, 0.5), 2) AS p50"
            + " FROM journey_marts.customer_stages WHERE is_observed_awareness_to_purchase"
            + " AND first_touch_channel = '" + channel + "'");
    assertThat(largest.get("customers").asLong()).isEqualTo(direct.get("n").asLong());
    assertThat(largest.get("median_days").asDouble()).isCloseTo(direct.get("p50").asDouble(), within(1e-9));
    for (JsonNode row : rows) {
      // A channel none of whose customers has bought yet has no percentiles at all (nulls, not 0).
      if (row.get("customers").asLong() == 0) {
        assertThat(row.hasNonNull("median_days")).as(row.toString()).isFalse();
        continue;
      }
      assertThat(row.get("p25_days").asDouble()).isLessThanOrEqualTo(row.get("median_days").asDouble());
      assertThat(row.get("median_days").asDouble()).isLessThanOrEqualTo(row.get("p75_days").asDouble());
    }
  }

  @Test
  void loyalSharesRestOnEveryMonthsRevenue() throws Exception {
    List<JsonNode> rows = query("loyal_share_of_revenue_by_month.sql");
    for (JsonNode row : rows) {
      BigDecimal silver =
          scalar("SELECT sum(revenue) FROM journey_silver.conversions WHERE trunc(conversion_date, 'MM')"
              + " = date'" + row.get("month").asText() + "'").decimalValue();
      assertThat(row.get("total_revenue").decimalValue()).isEqualByComparingTo(silver);
      // The same-period basis counts the month's own orders towards loyalty: never lower.
      if (row.hasNonNull("loyal_revenue_share")) {
        assertThat(row.get("same_period_revenue_share_inflated").asDouble())
            .isGreaterThanOrEqualTo(row.get("loyal_revenue_share").asDouble());
      }
    }
  }

  @Test
  void npsOfSupportContactsRestsOnEveryRespondent() throws Exception {
    List<JsonNode> rows = query("nps_of_customers_who_contacted_support.sql");
    long respondents =
        scalar("SELECT count(DISTINCT customer_key) FROM journey_silver.surveys WHERE survey_type = 'nps'"
            + " AND created_date <= (SELECT max(as_of_date) FROM journey_marts.customer_360)").asLong();
    assertThat(rows.stream().mapToLong(r -> r.get("respondents").asLong()).sum()).isEqualTo(respondents);
    for (JsonNode row : rows) {
      double nps = 100.0 * (row.get("promoters").asLong() - row.get("detractors").asLong())
          / row.get("respondents").asLong();
      assertThat(row.get("nps").asDouble()).isCloseTo(nps, within(0.05));
    }
  }

  @Test
  void cartAbandonmentRestsOnTheSessionsOfTheLast30Days() throws Exception {
    List<JsonNode> rows = query("cart_abandonment_by_channel.sql");
    long sessions =
        scalar("SELECT count(*) FROM journey_silver.sessions WHERE session_date > date_sub("
            + "(SELECT max(session_date) FROM journey_silver.sessions), 30)").asLong();
    assertThat(rows.stream().mapToLong(r -> r.get("sessions").asLong()).sum()).isEqualTo(sessions);
    for (JsonNode row : rows) {
      assertThat(row.get("carts_abandoned").asLong()).isBetween(0L, row.get("carts").asLong());
    }
  }

  @Test
  void cohortSizesAddUpToTheFirstOrders() throws Exception {
    List<JsonNode> rows = query("cohort_retention_curve.sql");
    long firstOrders = scalar("SELECT count(*) FROM journey_silver.conversions WHERE is_first_order").asLong();
    assertThat(rows.stream().mapToLong(r -> r.get("cohort_size").asLong()).sum()).isEqualTo(firstOrders);
  }

  @Test
  void theSupportEffectCoversEveryFirstOrder() throws Exception {
    List<JsonNode> rows = query("support_effect_on_repeat_purchase.sql");
    long firstOrders = scalar("SELECT count(*) FROM journey_silver.conversions WHERE is_first_order").asLong();
    JsonNode total = row(rows, "ticket_group", "(all)");
    assertThat(total.get("customers").asLong()).isEqualTo(firstOrders);
    long groups =
        rows.stream().filter(r -> r.get("ticket_group").asText().matches("no_ticket|any_ticket"))
            .mapToLong(r -> r.get("customers").asLong()).sum();
    assertThat(groups).isEqualTo(firstOrders);
  }

  private List<JsonNode> query(String file) throws Exception {
    return rows(journey("sql", "--format", "json", "-f", QUERIES.resolve(file).toString()));
  }

  private JsonNode scalarRow(String sql) throws Exception {
    List<JsonNode> rows = rows(journey("sql", "--format", "json", "-e", sql));
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private JsonNode scalar(String sql) throws Exception {
    List<JsonNode> rows = rows(journey("sql", "--format", "json", "-e", sql));
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0).elements().next();
  }

  private static List<JsonNode> rows(Result result) throws IOException {
    assertThat(result.exitCode()).as(result.output()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : result.stdout().lines().toList()) {
      if (line.startsWith("{")) {
        rows.add(JSON.readTree(line));
      }
    }
    assertThat(rows).as(result.output()).isNotEmpty();
    return rows;
  }

  private static double sum(List<JsonNode> rows, String column) {
    return rows.stream()
        .filter(r -> r.hasNonNull(column))
        .mapToDouble(r -> r.get(column).asDouble())
        .sum();
  }

  private static JsonNode row(List<JsonNode> rows, String column, String value) {
    return rows.stream()
        .filter(r -> r.get(column).asText().equals(value))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no row with " + column + " = " + value + " in " + rows));
  }

  record Result(int exitCode, String stdout, String output) {}

  /** bin/journey with the built jar (no build), landing and warehouse under the test's folder. */
  private Result journey(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/journey").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.put("JOURNEY_NO_BUILD", "1");
    env.put("JOURNEY_LANDING", work.resolve("landing").toString());
    env.put("JOURNEY_WAREHOUSE", work.resolve("warehouse").toString());
    env.put("JOURNEY_PII_HMAC_SECRET", "it-demo-secret-0123456789-0123456789-0123");
    Path stderr = Files.createTempFile(work, "stderr-", ".txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), stdout, stdout + Files.readString(stderr));
  }
}
