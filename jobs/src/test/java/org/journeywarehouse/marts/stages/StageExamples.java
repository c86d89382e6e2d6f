package org.journeywarehouse.marts.stages;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The silver rows of CustomerStagesTest and StagesJobsTest, dated in Europe/Berlin: one customer
 * per case (derivations in those tests).
 *
 * <pre>
 * pos       a till order 11-10 10:00 UTC, no visit
 * same      visits 10-01 (Paid Search), 11-05 (Organic Search), 11-12 14:00 (Direct, engaged),
 *           the first order 20 minutes into the last
 * fan       a visit 11-02, one order 11-03, nps 8 (11-10), nps 10 (11-20), csat 5 (11-25)
 * promoter  one nps 9 on 11-15, nothing else
 * night     an engaged visit 09-30 22:30 UTC (10-01 in Berlin), orders 10-31 23:15 UTC (11-01)
 *           and 11-30 23:10 UTC (12-01 in Berlin)
 * ticketed  a ticket 11-01 09:00, a till order 11-04 09:00
 * till      a till order 11-01 10:00, an engaged Email visit 11-20 10:00
 * browser   one visit 11-29
 * future    one visit 11-30 23:30 UTC, dated 12-01 in Berlin
 * </pre>
 */
final class StageExamples {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final StageRows ROWS = new StageRows(BERLIN);

  private StageExamples() {}

  static List<Row> sessions() {
    return List.of(
        ROWS.session("s-0", "same", "2026-10-01T08:00:00Z", "Paid Search", "autumn", false),
        ROWS.session("s-1", "same", "2026-11-05T09:00:00Z", "Organic Search", false),
        ROWS.session("s-2", "same", "2026-11-12T14:00:00Z", "Direct", true),
        ROWS.session("f-1", "fan", "2026-11-02T10:00:00Z", "Referral", false),
        ROWS.session("n-1", "night", "2026-09-30T22:30:00Z", "Email", true),
        ROWS.session("till-s", "till", "2026-11-20T10:00:00Z", "Email", true),
        ROWS.session("b-1", "browser", "2026-11-29T12:00:00Z", "Display", false),
        ROWS.session("fut-1", "future", "2026-11-30T23:30:00Z", "Display", false));
  }

  static List<Row> orders() {
    return List.of(
        ROWS.order("pos-1", "pos", "2026-11-10T10:00:00Z", "40.00", 1),
        ROWS.order("same-1", "same", "2026-11-12T14:20:00Z", "50.00", 1),
        ROWS.order("fan-1", "fan", "2026-11-03T10:00:00Z", "30.00", 1),
        ROWS.order("night-1", "night", "2026-10-31T23:15:00Z", "20.00", 1),
        ROWS.order("night-2", "night", "2026-11-30T23:10:00Z", "25.00", 2),
        ROWS.order("tick-1", "ticketed", "2026-11-04T09:00:00Z", "15.00", 1),
        ROWS.order("till-1", "till", "2026-11-01T10:00:00Z", "60.00", 1));
  }

  static List<Row> events() {
    List<Row> events = new ArrayList<>();
    sessions().forEach(s -> events.add(StageRows.sessionEvent(s)));
    orders().forEach(o -> events.add(StageRows.orderEvent(o)));
    events.add(ROWS.response("r-f1", "fan", "2026-11-10T10:00:00Z", "nps", 8));
    events.add(ROWS.response("r-f2", "fan", "2026-11-20T10:00:00Z", "nps", 10));
    events.add(ROWS.response("r-f3", "fan", "2026-11-25T10:00:00Z", "csat", 5));
    events.add(ROWS.response("r-p1", "promoter", "2026-11-15T12:00:00Z", "nps", 9));
    events.add(ROWS.ticket("t-1", "ticketed", "2026-11-01T09:00:00Z"));
    return events;
  }
}
