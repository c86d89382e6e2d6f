package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.voice.VoiceRows.order;
import static org.journeywarehouse.marts.voice.VoiceRows.survey;
import static org.journeywarehouse.marts.voice.VoiceRows.ticket;
import static org.journeywarehouse.testing.TableRows.frame;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.job.Gate;
import org.junit.jupiter.api.Test;

/**
 * The voice marts' gates on small marts built by the pure functions and then broken on purpose:
 * each break shows in the gate it should, with its counts. (The jobs' own tests show the gates
 * passing on real runs.)
 */
class VoiceGatesTest {
  private static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);
  private static final MonthSlice NOVEMBER = MonthSlice.of(NOV_3, NOV_3, 0);

  @Test
  void theSliceIsEveryMonthTouchingTheReprocessingWindow() {
    // 2026-11-03 - 7 days = 10-27: October and November; 11-10 - 7 = 11-03: November only.
    assertThat(MonthSlice.of(NOV_3, NOV_3, 7))
        .isEqualTo(new MonthSlice(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), NOV_3));
    LocalDate nov10 = LocalDate.of(2026, 11, 10);
    assertThat(MonthSlice.of(nov10, nov10, 7))
        .isEqualTo(new MonthSlice(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1), nov10));
  }

  @Test
  void npsGatesCatchAMissingResponseASegmentLostAndComponentsOff() {
    // Two November NPS answers (10 and 0), customers unknown to customer_stages, no tickets:
    // per (Nov, nps) one total row and one row per segment type (all Unassigned or without).
    Dataset<Row> responses =
        frame(
            SilverTables.SURVEYS,
            List.of(
                survey("r1", "ck_a", "2026-11-01T10:00:00Z", "nps", 10),
                survey("r2", "ck_b", "2026-11-02T10:00:00Z", "nps", 0)));
    Dataset<Row> mart =
        NpsSummary.summarize(
            NpsSummary.segmented(
                responses,
                frame(SilverTables.TICKETS, List.of()),
                frame(StageTables.CUSTOMER_STAGES, List.of()),
                90),
            NOVEMBER);
    assertThat(observed(NpsSummaryChecks.gates(NpsSummaryChecks.counts(responses, mart).first())))
        .containsExactly(
            "nps_summary_reconciles_with_surveys true groups=1 mismatches=0",
            "nps_summary_segments_add_up true groups=4 mismatches=0",
            "nps_summary_components_sum_to_responses true rows=5 responses=2 off=0");
    // A third response the mart does not hold; the current_stage row lost; the total row with
    // a promoter too many (its components no longer sum to the responses, and the four
    // segment types no longer add up to it).
    Dataset<Row> more =
        responses.unionByName(
            frame(
                SilverTables.SURVEYS,
                List.of(survey("r3", "ck_c", "2026-11-02T11:00:00Z", "nps", 7))));
    Dataset<Row> broken =
        mart.where(col("segment_type").notEqual("current_stage"))
            .withColumn(
                "promoters",
                when(col("grouping_level").equalTo("total"), col("promoters").plus(1))
                    .otherwise(col("promoters")));
    assertThat(observed(NpsSummaryChecks.gates(NpsSummaryChecks.counts(more, broken).first())))
        .containsExactly(
            "nps_summary_reconciles_with_surveys false groups=1 mismatches=1",
            "nps_summary_segments_add_up false groups=4 mismatches=4",
            "nps_summary_components_sum_to_responses false rows=4 responses=2 off=1");
  }

  @Test
  void supportGatesCatchAChannelRollupThatDoesNotAddUp() {
    // t1 (email, tag a) and t2 (chat, no tag) in November, 2 orders: 2 detail, 2 all_tags,
    // 2 all_channels and 1 total row. Then the email all_tags row claims 5 tickets.
    Dataset<Row> tickets =
        frame(
            SilverTables.TICKETS,
            List.of(
                ticket(
                    "t1",
                    "ck_a",
                    "2026-11-01T08:00:00Z",
                    "email",
                    List.of("a"),
                    "solved",
                    10,
                    60,
                    "good"),
                ticket(
                    "t2",
                    "ck_b",
                    "2026-11-02T08:00:00Z",
                    "chat",
                    List.of(),
                    "open",
                    null,
                    null,
                    "unoffered")));
    Dataset<Row> orders =
        frame(
            SilverTables.CONVERSIONS,
            List.of(
                order("o1", "ck_a", "2026-11-01T07:00:00Z", 1),
                order("o2", "ck_b", "2026-11-02T07:00:00Z", 1)));
    Dataset<Row> mart = SupportSummary.summarize(tickets, orders, NOVEMBER);
    Dataset<Row> broken =
        mart.withColumn(
            "tickets_created",
            when(
                    col("grouping_level").equalTo("all_tags").and(col("channel").equalTo("email")),
                    lit(5L))
                .otherwise(col("tickets_created")));
    assertThat(
            observed(
                SupportSummaryChecks.gates(
                    SupportSummaryChecks.counts(tickets, orders, broken).first())))
        .containsExactly(
            "support_summary_reconciles_with_silver true groups=2 mismatches=0"
                + " ticket_months_off=0 order_months_off=0",
            "support_summary_rollups_add_up false groups=3 mismatches=1 channel_rollups_off=1"
                + " tag_rollups_off=0",
            "support_summary_components false rows=7 tickets=2 off=1");
  }

  @Test
  void effectGatesCatchALostDetailRow() {
    // ck_1 (no ticket) and ck_2 (a good ticket the next day), both first ordering in March:
    // 8 rows. Without the (March, ticket_good) detail row, four roll-ups lose their sum: March
    // all_groups, March any_ticket, all_months ticket_good and all_months_any_ticket.
    Dataset<Row> conversions =
        frame(
            SilverTables.CONVERSIONS,
            List.of(
                order("o1", "ck_1", "2026-03-01T10:00:00Z", 1),
                order("o2", "ck_2", "2026-03-02T10:00:00Z", 1)));
    Dataset<Row> tickets =
        frame(
            SilverTables.TICKETS,
            List.of(
                ticket(
                    "t1",
                    "ck_2",
                    "2026-03-03T10:00:00Z",
                    "chat",
                    List.of(),
                    "solved",
                    5,
                    60,
                    "good")));
    LocalDate asOf = LocalDate.of(2026, 11, 10);
    Dataset<Row> mart =
        SupportEffect.summarize(
            SupportEffect.customers(conversions, tickets, asOf, 30, 180), asOf, 30, 180);
    Dataset<Row> broken =
        mart.where(
            col("grouping_level")
                .notEqual("detail")
                .or(col("ticket_group").notEqual(SupportEffect.TICKET_GOOD)));
    assertThat(
            observed(
                SupportEffectChecks.gates(
                    SupportEffectChecks.counts(conversions, asOf, broken).first())))
        .containsExactly(
            "support_effect_reconciles_with_conversions true groups=1 mismatches=0",
            "support_effect_rollups_add_up false groups=6 mismatches=4",
            "support_effect_components true rows=7 customers=2 off=0");
  }

  private static List<String> observed(List<Gate> gates) {
    return gates.stream().map(g -> g.check() + " " + g.passed() + " " + g.observed()).toList();
  }
}
