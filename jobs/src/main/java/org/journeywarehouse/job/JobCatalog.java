package org.journeywarehouse.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.journeywarehouse.bronze.FxRatesJob;
import org.journeywarehouse.bronze.OrdersJob;
import org.journeywarehouse.bronze.SupportTicketsJob;
import org.journeywarehouse.bronze.SurveyResponsesJob;
import org.journeywarehouse.bronze.WebEventsJob;
import org.journeywarehouse.marts.attribution.AttributionChannelDailyJob;
import org.journeywarehouse.marts.attribution.AttributionCreditJob;
import org.journeywarehouse.marts.attribution.AttributionModelFitJob;
import org.journeywarehouse.marts.attribution.StageAttributionJob;
import org.journeywarehouse.marts.customers.Customer360Job;
import org.journeywarehouse.marts.loyalty.CohortRetentionJob;
import org.journeywarehouse.marts.loyalty.LoyalCohortRevenueJob;
import org.journeywarehouse.marts.paths.JourneyPathsJob;
import org.journeywarehouse.marts.stages.CustomerStagesJob;
import org.journeywarehouse.marts.stages.StageFunnelMonthlyJob;
import org.journeywarehouse.marts.stages.StageTransitionTimesJob;
import org.journeywarehouse.marts.voice.NpsSummaryJob;
import org.journeywarehouse.marts.voice.SupportEffectJob;
import org.journeywarehouse.marts.voice.SupportSummaryJob;
import org.journeywarehouse.marts.web.ChannelPerformanceDailyJob;
import org.journeywarehouse.marts.web.EcommerceFunnelDailyJob;
import org.journeywarehouse.silver.conversions.ConversionsJob;
import org.journeywarehouse.silver.identity.CustomersJob;
import org.journeywarehouse.silver.identity.IdentityMapJob;
import org.journeywarehouse.silver.sessions.SessionsJob;
import org.journeywarehouse.silver.timeline.JourneyEventsJob;
import org.journeywarehouse.silver.voice.SurveysJob;
import org.journeywarehouse.silver.voice.TicketsJob;

/**
 * The only list of jobs, in run order (every job after the jobs producing its inputs). The
 * CLI, {@code list-jobs --json}, the Airflow DAG and the docs all derive from it.
 */
public final class JobCatalog {
  private static final List<Job> JOBS =
      List.of(
          new FxRatesJob(),
          new WebEventsJob(),
          new OrdersJob(),
          new SupportTicketsJob(),
          new SurveyResponsesJob(),
          new IdentityMapJob(),
          new CustomersJob(),
          new SessionsJob(),
          new ConversionsJob(),
          new JourneyEventsJob(),
          new TicketsJob(),
          new SurveysJob(),
          new AttributionModelFitJob(),
          new AttributionCreditJob(),
          new AttributionChannelDailyJob(),
          new StageAttributionJob(),
          new CustomerStagesJob(),
          new StageTransitionTimesJob(),
          new StageFunnelMonthlyJob(),
          new JourneyPathsJob(),
          new EcommerceFunnelDailyJob(),
          new ChannelPerformanceDailyJob(),
          new LoyalCohortRevenueJob(),
          new CohortRetentionJob(),
          new Customer360Job(),
          new NpsSummaryJob(),
          new SupportSummaryJob(),
          new SupportEffectJob());

  private JobCatalog() {}

  public static List<Job> all() {
    return JOBS;
  }

  public static Optional<Job> find(String name) {
    return JOBS.stream().filter(j -> j.spec().name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return JOBS.stream().map(j -> j.spec().name()).toList();
  }

  /** The catalog as {@code list-jobs --json} prints it (stable key order, one job per line). */
  public static String toJson(String runnerClass) {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"runner_class\": ").append(quote(runnerClass)).append(",\n  \"jobs\": [\n");
    for (int i = 0; i < JOBS.size(); i++) {
      JobSpec spec = JOBS.get(i).spec();
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("name", quote(spec.name()));
      fields.put("layer", quote(spec.layer().lowerName()));
      fields.put("order", Integer.toString(i + 1));
      fields.put("description", quote(spec.description()));
      fields.put("inputs", quoteAll(spec.inputs()));
      fields.put(
          "outputs",
          quoteAll(spec.outputs().stream().map(t -> t.id().defaultQualifiedName()).toList()));
      fields.put("depends_on_past", Boolean.toString(spec.dependsOnPast()));
      json.append("    {");
      fields.forEach((k, v) -> json.append(quote(k)).append(": ").append(v).append(", "));
      json.setLength(json.length() - 2);
      json.append(i + 1 < JOBS.size() ? "},\n" : "}\n");
    }
    return json.append("  ]\n}").toString();
  }

  private static String quoteAll(List<String> values) {
    return values.stream().map(JobCatalog::quote).toList().toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
