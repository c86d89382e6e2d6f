package org.journeywarehouse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.TableDefinition;
import org.junit.jupiter.api.Test;

/**
 * dbt-style layering rules over the job catalog (STYLE.md): bronze reads landing, silver reads
 * bronze and silver, marts read silver and marts only; every job runs after the producers of its
 * inputs; a job writes its own layer (bronze's shared quarantine aside); names are unique.
 */
class JobCatalogTest {

  @Test
  void everyLayerReadsOnlyWhatLiesBelowOrBesideIt() {
    List<String> violations = new ArrayList<>();
    for (Job job : JobCatalog.all()) {
      JobSpec spec = job.spec();
      for (String input : spec.inputs()) {
        String layer = input.substring(0, input.indexOf('.'));
        boolean allowed =
            switch (spec.layer()) {
              case BRONZE -> layer.equals("landing");
              case SILVER -> layer.equals("journey_bronze") || layer.equals("journey_silver");
              case MARTS -> layer.equals("journey_silver") || layer.equals("journey_marts");
              case OPS -> true;
            };
        if (!allowed) {
          violations.add(spec.name() + " (" + spec.layer().lowerName() + ") reads " + input);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyJobRunsAfterTheProducersOfItsInputs() {
    Set<String> produced = new HashSet<>();
    List<String> violations = new ArrayList<>();
    for (Job job : JobCatalog.all()) {
      for (String input : job.spec().inputs()) {
        boolean ownOutput =
            job.spec().outputs().stream()
                .anyMatch(t -> t.id().defaultQualifiedName().equals(input));
        if (!input.startsWith("landing.") && !ownOutput && !produced.contains(input)) {
          violations.add(job.spec().name() + " runs before the producer of " + input);
        }
      }
      job.spec().outputs().forEach(t -> produced.add(t.id().defaultQualifiedName()));
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void jobsWriteTheirOwnLayerAndNamesAreUnique() {
    assertThat(JobCatalog.names()).doesNotHaveDuplicates();
    for (Job job : JobCatalog.all()) {
      for (TableDefinition table : job.spec().outputs()) {
        // The conversions job quarantines orders without an exchange rate in bronze's table.
        boolean sharedQuarantine = table.id().name().equals("quarantine");
        if (!sharedQuarantine) {
          assertThat(table.id().layer())
              .as(job.spec().name() + " writes " + table.id().name())
              .isEqualTo(job.spec().layer());
        }
      }
    }
    assertThat(
            JobCatalog.all().stream()
                .filter(j -> j.spec().layer() == Layer.MARTS)
                .map(j -> j.spec().name()))
        .containsExactly(
            "attribution_model_fit",
            "attribution_credit",
            "attribution_channel_daily",
            "stage_attribution",
            "customer_stages",
            "stage_transition_times",
            "stage_funnel_monthly",
            "journey_paths",
            "ecommerce_funnel_daily",
            "channel_performance_daily",
            "loyal_cohort_revenue",
            "cohort_retention",
            "customer_360",
            "nps_summary",
            "support_summary",
            "support_effect");
  }
}
