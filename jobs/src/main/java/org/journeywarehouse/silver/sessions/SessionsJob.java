package org.journeywarehouse.silver.sessions;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;
import org.journeywarehouse.silver.sessions.SessionRows.Slice;
import scala.Tuple2;

/**
 * Web sessions with their customer key and channel ({@code journey_silver.sessions}). A run
 * rewrites the session dates its landed events touch (late events included, plus the day
 * before for sessions crossing midnight), then moves sessions of any date to the survivor key of
 * identity changes since its first date. The rules are in {@code docs/sessions.md}.
 */
public final class SessionsJob implements Job {
  public static final String NAME = "sessions";

  private final Supplier<ChannelRules> channelRules;

  /** The job as the catalog runs it: rules from {@link ChannelRules#load()}. */
  public SessionsJob() {
    this(ChannelRules::load);
  }

  /** @param channelRules loads the channel rules, at the start of each run */
  public SessionsJob(Supplier<ChannelRules> channelRules) {
    this.channelRules = channelRules;
  }

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.SILVER,
        "Web sessions with customer key, GA4 default channel and engagement flags,"
            + " per session date.",
        List.of(
            BronzeTables.WEB_EVENTS.id().defaultQualifiedName(),
            SilverTables.IDENTITY_MAP.id().defaultQualifiedName()),
        List.of(SilverTables.SESSIONS),
        true);
  }

  @Override
  public JobResult run(JobContext context) {
    // First, so a broken rules file fails the run before anything is written.
    ChannelRules rules = channelRules.get();
    requireInput(context, BronzeTables.WEB_EVENTS, "web_events");
    requireInput(context, SilverTables.IDENTITY_MAP, "identity_map");
    DeltaTables tables = context.tables();
    tables.ensure(SilverTables.SESSIONS);
    Dataset<Row> identityMap = tables.read(SilverTables.IDENTITY_MAP);

    Optional<Slice> slice = affectedSlice(context);
    Written written =
        slice.map(s -> writeSlice(context, s, rules, identityMap)).orElse(new Written(0, 0));
    long rekeyed = rekey(context, identityMap);
    String sliceLabel =
        slice.map(s -> "for " + s.from() + ".." + s.to())
            .orElse("(no web events landed in " + context.dateLabel() + ")");
    context.progress().accept(
        String.format(
            Locale.ROOT, "%s: %,d sessions %s, %,d re-keyed",
            NAME, written.sessions(), sliceLabel, rekeyed));
    return JobResult.written(written.events(), written.sessions());
  }

  /** Web events read and sessions written by the slice step. */
  private record Written(long events, long sessions) {}

  /**
   * The session dates to rewrite: from the day before the earliest to the latest event date of
   * the web events delivered in the run's range (late events land days after they happened).
   * Empty when nothing landed. One driver-side row: the two dates.
   */
  private static Optional<Slice> affectedSlice(JobContext context) {
    Tuple2<LocalDate, LocalDate> range =
        context.tables().read(BronzeTables.WEB_EVENTS)
            .where(col("landing_date").between(lit(context.from()), lit(context.to())))
            .agg(min("event_date"), max("event_date"))
            .as(Encoders.tuple(Encoders.LOCALDATE(), Encoders.LOCALDATE()))
            .first();
    return range._1() == null
        ? Optional.empty()
        : Optional.of(Slice.forEventDates(range._1(), range._2()));
  }

  /** Rebuilds the slice's sessions from the events of a day either side and replaces the slice. */
  private static Written writeSlice(
      JobContext context, Slice slice, ChannelRules rules, Dataset<Row> identityMap) {
    DeltaTables tables = context.tables();
    Dataset<Row> events =
        SessionRows.latestEvents(
            tables.read(BronzeTables.WEB_EVENTS)
                .where(col("event_date").between(lit(slice.readFrom()), lit(slice.readTo()))));
    Dataset<Row> sessions =
        SessionRows.build(events, identityMap, rules, context.settings().sessions(),
                context.settings().reporting().timezone())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column inSlice = slice.contains(col("session_date"));
      // One action for all counts: every event read is in exactly one session of the window.
      Row counts =
          sessions
              .agg(
                  coalesce(sum("events"), lit(0L)),
                  count(when(inSlice, 1)),
                  count(when(inSlice.and(col("customer_key").isNull()), 1)))
              .first();
      long sessionsInSlice = counts.getLong(1);
      requireCustomerKeys(context, slice, sessionsInSlice, counts.getLong(2));
      tables.replaceSlice(SilverTables.SESSIONS, sessions.where(inSlice), slice.from(), slice.to(),
          null, context.commitNote(NAME));
      return new Written(counts.getLong(0), sessionsInSlice);
    } finally {
      sessions.unpersist();
    }
  }

  /** Every cookie is in identity_map once its job ran: a session without a key means it did not. */
  private static void requireCustomerKeys(
      JobContext context, Slice slice, long sessions, long withoutKey) {
    String table = context.tables().qualifiedName(SilverTables.SESSIONS);
    boolean passed =
        context.quality().record("sessions_have_customer_key", table, context.to(), withoutKey == 0,
            "sessions=%d without_customer_key=%d".formatted(sessions, withoutKey));
    if (!passed) {
      throw new JobFailedException(
          ("Cannot run %s for %s: %d of %d sessions of %s..%s have no customer_key in %s"
                  + " (run identity_map first); nothing was written")
              .formatted(NAME, context.dateLabel(), withoutKey, sessions, slice.from(), slice.to(),
                  context.tables().qualifiedName(SilverTables.IDENTITY_MAP)));
    }
  }

  /**
   * Moves sessions of any date to the key identity_map now gives them, for identifiers whose key
   * changed in this run's range or later (merges and splits). Returns how many changed.
   */
  private static long rekey(JobContext context, Dataset<Row> identityMap) {
    DeltaTables tables = context.tables();
    Dataset<Row> changes =
        SessionRows.rekeyed(tables.read(SilverTables.SESSIONS), identityMap, context.from())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rekeyed = changes.count();
      if (rekeyed > 0) {
        tables.withCommitNote(context.commitNote(NAME), () ->
            tables.delta(SilverTables.SESSIONS).as("t")
                .merge(changes.as("s"),
                    // session_date lets Delta skip the files of other dates.
                    col("t.session_id").equalTo(col("s.session_id"))
                        .and(col("t.session_date").equalTo(col("s.session_date"))))
                .whenMatched(col("t.customer_key").eqNullSafe(col("s.customer_key")).unary_$bang())
                .update(Map.of("customer_key", col("s.customer_key")))
                .execute());
      }
      return rekeyed;
    } finally {
      changes.unpersist();
    }
  }

  private static void requireInput(JobContext context, TableDefinition table, String producer) {
    if (!DeltaTable.isDeltaTable(context.spark(), context.tables().location(table))) {
      throw new JobFailedException(
          "Cannot run %s for %s: input %s does not exist (run %s first)"
              .formatted(
                  NAME, context.dateLabel(), context.tables().qualifiedName(table), producer));
    }
  }
}
