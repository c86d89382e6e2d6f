package org.journeywarehouse.marts.web;


import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;

/**
 * The hand-built web sessions and orders both web mart tests read; reporting zone UTC, so a
 * session's date is its UTC start date. The run is for 2026-11-10 with the default 7 reprocess
 * days: the slice is 2026-11-03..2026-11-10.
 *
 * <pre>
 * session customer start (UTC)       channel / campaign          flags              orders
 * s0      ck_b     2026-11-01 09:00  Organic Search / (not set)  pv eng             (before slice)
 * s1      ck_a     2026-11-09 08:00  Paid Search / bf            pv atc co pur eng  o1
 * s2      ck_b     2026-11-09 09:00  Paid Search / bf            pv atc co eng      (no purchase)
 * s3      ck_c     2026-11-09 10:00  Paid Search / bf            pv eng
 * s4      ck_d     2026-11-09 11:00  Paid Search / (not set)     -
 * s5      ck_b     2026-11-09 12:00  Email / newsletter          pv atc eng
 * s6      ck_e     2026-11-09 13:00  Email / newsletter          pv co pur eng      o2, o-void
 * s7      ck_c     2026-11-10 08:00  Paid Search / bf            pv atc co pur eng  o3, o4
 * s8      ck_f     2026-11-10 09:00  Paid Search / bf            pv atc co eng
 * s9      ck_a     2026-11-10 10:00  Direct / (not set)          pur                o1 (again)
 * g-1,g-2 ck_g     2026-11-10 14:00  Organic Search / (not set)  -                  (same instant)
 * </pre>
 *
 * s6 purchased without adding to cart (open funnel: a purchase; closed: none). Counted orders: o1
 * ck_a 100.00 (first order), o2 ck_e 40.00 (second: ck_e's first, o-pos 15.00 on 2026-10-01, was at
 * the till with no session), o3 ck_c 55.50 (first), o4 ck_c 20.23 (second). o-void is no counted
 * order (not in conversions).
 */
final class WebMartFixture {
  static final LocalDate DATE = LocalDate.of(2026, 11, 10);

  private WebMartFixture() {}

  /**
   * Expected rows of some of {@code table}'s columns, one comma-separated line a row: dates as
   * 2026-11-09, a double as a fraction ({@code 2/3}) or a decimal, {@code null} for null.
   */
  static Dataset<Row> expected(TableDefinition table, String columns, String... lines) {
    StructType schema = new StructType();
    for (String name : columns.split(",\\s*")) {
      schema = schema.add(table.schema().apply(name));
    }
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      String[] values = line.split(",\\s*");
      Object[] row = new Object[values.length];
      for (int i = 0; i < values.length; i++) {
        row[i] = value(schema.fields()[i].dataType(), values[i].trim());
      }
      rows.add(RowFactory.create(row));
    }
    return TestSpark.session().createDataFrame(rows, schema);
  }

  private static Object value(DataType type, String text) {
    if (text.equals("null")) {
      return null;
    } else if (type.equals(DataTypes.DateType)) {
      return Date.valueOf(text);
    } else if (type.equals(DataTypes.LongType)) {
      return Long.parseLong(text);
    } else if (type.equals(DataTypes.DoubleType)) {
      String[] fraction = text.split("/");
      return fraction.length == 1
          ? Double.parseDouble(text)
          : Double.parseDouble(fraction[0]) / Double.parseDouble(fraction[1]);
    } else if (type instanceof DecimalType) {
      return new BigDecimal(text);
    }
    return text;
  }

  /** Writes the sessions and conversions above into the settings' silver database. */
  static void writeSilver(DeltaTables tables) {
    SilverRows.replace(tables, SilverTables.SESSIONS, sessions());
    SilverRows.replace(tables, SilverTables.CONVERSIONS, conversions());
  }

  static List<Row> sessions() {
    return List.of(
        session("s0", "ck_b", "2026-11-01T09:00:00Z", "Organic Search", "(not set)", "pv eng"),
        session(
            "s1", "ck_a", "2026-11-09T08:00:00Z", "Paid Search", "bf", "pv atc co pur eng", "o1"),
        session("s2", "ck_b", "2026-11-09T09:00:00Z", "Paid Search", "bf", "pv atc co eng"),
        session("s3", "ck_c", "2026-11-09T10:00:00Z", "Paid Search", "bf", "pv eng"),
        session("s4", "ck_d", "2026-11-09T11:00:00Z", "Paid Search", "(not set)", ""),
        session("s5", "ck_b", "2026-11-09T12:00:00Z", "Email", "newsletter", "pv atc eng"),
        session(
            "s6",
            "ck_e",
            "2026-11-09T13:00:00Z",
            "Email",
            "newsletter",
            "pv co pur eng",
            "o2",
            "o-void"),
        session(
            "s7",
            "ck_c",
            "2026-11-10T08:00:00Z",
            "Paid Search",
            "bf",
            "pv atc co pur eng",
            "o3",
            "o4"),
        session("s8", "ck_f", "2026-11-10T09:00:00Z", "Paid Search", "bf", "pv atc co eng"),
        session("s9", "ck_a", "2026-11-10T10:00:00Z", "Direct", "(not set)", "pur", "o1"),
        session("g-2", "ck_g", "2026-11-10T14:00:00Z", "Organic Search", "(not set)", ""),
        session("g-1", "ck_g", "2026-11-10T14:00:00Z", "Organic Search", "(not set)", ""));
  }

  static List<Row> conversions() {
    return List.of(
        SilverRows.conversion("o-pos", "ck_e", "2026-10-01T10:00:00Z", "15.00", 1),
        SilverRows.conversion("o1", "ck_a", "2026-11-09T08:20:00Z", "100.00", 1),
        SilverRows.conversion("o2", "ck_e", "2026-11-09T13:10:00Z", "40.00", 2),
        SilverRows.conversion("o3", "ck_c", "2026-11-10T08:10:00Z", "55.50", 1),
        SilverRows.conversion("o4", "ck_c", "2026-11-10T08:15:00Z", "20.23", 2));
  }

  /**
   * A complete sessions row dated in UTC; {@code flags} among pv (product view), atc (add to cart),
   * co (checkout), pur (purchase), eng (engaged).
   */
  static Row session(
      String id,
      String customer,
      String start,
      String channel,
      String campaign,
      String flags,
      String... orderIds) {
    return SilverRows.session(ZoneOffset.UTC, id, customer, start, channel, campaign, flags, orderIds);
  }
}
