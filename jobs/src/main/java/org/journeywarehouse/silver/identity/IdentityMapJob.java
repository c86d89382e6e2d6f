package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Stitches every identifier into one customer_key per person and keeps the keys stable from
 * night to night. A night re-stitches only the components its records touch ({@link
 * IdentityScope}); the first night, {@code journey.identity.mode = full-rebuild} and a change of
 * the guard settings re-stitch everything. Both go through {@link IdentityStitch}, so they agree.
 * Every gate runs before the first write. See docs/identity-incremental.md.
 */
public final class IdentityMapJob implements Job {
  public static final String NAME = "identity_map";
  private static final Pattern GUARDS = Pattern.compile("guards=([0-9a-f]+)");
  private static final String[] NODE = {"identifier_type", "identifier"};

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.SILVER,
        "Identity stitching: every identifier (cookie, account, email, phone, device) to a stable"
            + " customer_key, with guards, merges and splits recorded.",
        List.of("journey_bronze.web_events", "journey_bronze.orders",
            "journey_bronze.support_tickets", "journey_bronze.survey_responses"),
        List.of(SilverTables.IDENTITY_OBSERVATIONS, SilverTables.IDENTITY_MAP,
            SilverTables.IDENTITY_GUARDED, SilverTables.IDENTITY_MERGES),
        true);
  }

  @Override
  public JobResult run(JobContext context) {
    DeltaTables tables = context.tables();
    spec().outputs().forEach(tables::ensure);
    JourneySettings.Identity settings = context.settings().identity();
    String guards = guardsFingerprint(settings);
    String previousGuards = lastGuards(tables);
    boolean rebuild = settings.fullRebuild() || !guards.equals(previousGuards);
    LocalDate date = context.to();
    context.progress().accept(
        "%s: %s for %s".formatted(NAME, rebuild ? reasonForRebuild(settings, previousGuards)
            : "incremental night", context.dateLabel()));

    // Pinned versions: the night computes from the state before its own writes.
    Dataset<Row> previousMap = tables.readPinned(SilverTables.IDENTITY_MAP);
    Plan plan = rebuild ? rebuildPlan(context, previousMap) : nightPlan(context, previousMap);
    long scopeSize = plan.scope().count();
    context.progress().accept("%s: re-stitching %,d identifiers".formatted(NAME, scopeSize));

    IdentityStitch.Result stitched =
        IdentityStitch.stitch(plan.observations(), plan.scope(), scopeSize,
            limits(settings), settings.mergeAccounts());
    context.progress().accept("%s: components converged in %d rounds (edges per round %s)"
        .formatted(NAME, stitched.components().rounds(), stitched.components().edgesPerRound()));

    Dataset<Row> scopeNodes = rebuild ? plan.scope() : broadcast(plan.scope());
    Dataset<Row> previousScope = previousMap.join(scopeNodes, NODE, "left_semi").localCheckpoint();
    Dataset<Row> mapRows =
        IdentityMapRows.next(stitched.assigned(), previousScope, date).localCheckpoint();
    Dataset<Row> vanished = IdentityMapRows.vanished(previousScope, mapRows).localCheckpoint();
    Dataset<Row> changes = CustomerKeys.changes(previousScope, mapRows, date).localCheckpoint();
    Dataset<Row> previousGuarded =
        tables.readPinned(SilverTables.IDENTITY_GUARDED).join(scopeNodes, NODE, "left_semi")
            .localCheckpoint();
    Dataset<Row> guardedRows =
        IdentityMapRows.guarded(stitched.guarded(), previousGuarded, date).localCheckpoint();

    Map<String, Long> churn = checkGates(context, stitched, mapRows, changes, previousMap, settings);

    write(context, plan, mapRows, vanished, guardedRows, previousGuarded, changes, guards);
    long created = churn.get(CustomerKeys.CREATED);
    long merged = churn.get(CustomerKeys.MERGED);
    long split = churn.get(CustomerKeys.SPLIT);
    long retired = churn.get(CustomerKeys.RETIRED);
    String summary =
        "%s; %,d identifiers re-stitched in %d rounds; keys created %,d, merged %,d, split %,d, retired %,d"
            .formatted(rebuild ? "full rebuild" : "incremental", scopeSize,
                stitched.components().rounds(), created, merged, split, retired);
    context.progress().accept(NAME + ": " + summary);
    return new JobResult(plan.freshObservations(), scopeSize, 0, 0, 0, summary);
  }

  /** What a run re-stitches and from which observations. */
  private record Plan(
      Dataset<Row> scope,
      Dataset<Row> observations,
      Dataset<Row> observationUpserts,
      Dataset<Row> observationDeletes,
      Dataset<Row> sightingUpdates,
      boolean replaceObservations,
      long freshObservations) {}

  /** Everything from all bronze up to the run's last date; the old map only says what vanished. */
  private static Plan rebuildPlan(JobContext context, Dataset<Row> previousMap) {
    Dataset<Row> all = observations(context, null, context.to()).localCheckpoint();
    Dataset<Row> scope =
        all.select(col(NODE[0]), col(NODE[1]))
            .union(previousMap.select(col(NODE[0]), col(NODE[1])))
            .distinct()
            .localCheckpoint();
    return new Plan(scope, all, all, null, null, true, all.count());
  }

  /** The night's records against the stored observations; only touched components re-stitch. */
  private static Plan nightPlan(JobContext context, Dataset<Row> previousMap) {
    Dataset<Row> stored = context.tables().readPinned(SilverTables.IDENTITY_OBSERVATIONS);
    Dataset<Row> fresh = observations(context, context.from(), context.to()).localCheckpoint();
    Dataset<Row> records = fresh.select("source", "record_id").distinct();
    String[] recordKey = {"source", "record_id"};
    // The night's records are few: broadcast them so history is scanned, never shuffled.
    Dataset<Row> storedTouched =
        stored.join(broadcast(records), recordKey, "left_semi").localCheckpoint();
    Dataset<Row> newTouched = IdentityLinks.combined(storedTouched, fresh).localCheckpoint();
    Dataset<Row> after = stored.join(broadcast(records), recordKey, "left_anti").union(newTouched);
    // Only records whose identifiers changed can change links; the rest update sightings.
    Dataset<Row> structural = IdentityScope.structuralRecords(storedTouched, newTouched);
    Dataset<Row> touched =
        storedTouched.select(col("source"), col("record_id"), col(NODE[0]), col(NODE[1]))
            .union(newTouched.select(col("source"), col("record_id"), col(NODE[0]), col(NODE[1])))
            .join(structural, recordKey, "left_semi")
            .select(col(NODE[0]), col(NODE[1]))
            .distinct();
    Dataset<Row> scope = IdentityScope.core(touched, previousMap).localCheckpoint();
    Dataset<Row> scoped = IdentityScope.observations(after, scope).localCheckpoint();
    JourneySettings.Identity settings = context.settings().identity();
    Dataset<Row> guardedNow =
        IdentityGuards.guarded(IdentityLinks.links(scoped), limits(settings), settings.mergeAccounts());
    Dataset<Row> lifted = IdentityScope.lifted(scope, guardedNow, previousMap).localCheckpoint();
    if (!lifted.isEmpty()) {
      // A refusal lifted tonight links its neighbours' customers: they join the scope.
      scope = scope.union(IdentityScope.neighbourComponents(lifted, after, previousMap))
          .distinct().localCheckpoint();
      scoped = IdentityScope.observations(after, scope).localCheckpoint();
    }
    String[] rowKey = {"source", "record_id", NODE[0], NODE[1]};
    Dataset<Row> deletes = storedTouched.join(newTouched, rowKey, "left_anti").localCheckpoint();
    Dataset<Row> sightings =
        IdentityMapRows.sightings(previousMap, newTouched, scope, context.to()).localCheckpoint();
    return new Plan(scope, scoped, newTouched, deletes, sightings, false, fresh.count());
  }

  /** Observations of bronze rows delivered in [from, to]; from null means all history. */
  private static Dataset<Row> observations(JobContext context, LocalDate from, LocalDate to) {
    DeltaTables tables = context.tables();
    Column delivered =
        from == null
            ? col("landing_date").leq(lit(java.sql.Date.valueOf(to)))
            : col("landing_date").between(lit(java.sql.Date.valueOf(from)), lit(java.sql.Date.valueOf(to)));
    return IdentityLinks.observations(
        delivered(tables, BronzeTables.WEB_EVENTS, delivered),
        delivered(tables, BronzeTables.ORDERS, delivered),
        delivered(tables, BronzeTables.SUPPORT_TICKETS, delivered),
        delivered(tables, BronzeTables.SURVEY_RESPONSES, delivered));
  }

  private static Dataset<Row> delivered(DeltaTables tables, TableDefinition table, Column when) {
    tables.ensure(table);
    return tables.read(table).where(when);
  }

  /**
   * The gates, all before the first write: no vertex id collision, both ends of every usable link
   * on one key, no customer above the size limit, no two store accounts in one customer (unless
   * allowed), churn within its limit. Returns the keys created, merged, split and retired.
   */
  private static Map<String, Long> checkGates(JobContext context, IdentityStitch.Result stitched,
      Dataset<Row> mapRows, Dataset<Row> changes, Dataset<Row> previousMap,
      JourneySettings.Identity settings) {
    LocalDate date = context.to();
    String mapTable = SilverTables.IDENTITY_MAP.id().defaultQualifiedName();
    long collisions = IdentityLinks.vertexCollisions(stitched.identifiers());
    gate(context, "identity_vertex_collisions", collisions == 0, "collisions=" + collisions,
        collisions + " vertex ids are shared by two identifiers; stitching them would merge strangers");

    long split = stitched.edgeKeys()
        .where(col("key_a").eqNullSafe(col("key_b")).unary_$bang()).count();
    gate(context, "identity_edges_within_one_key", split == 0, "edges_across_keys=" + split,
        split + " links have their two ends on different customer keys; the partition is wrong");

    Row sizes =
        mapRows
            .groupBy("customer_key")
            .agg(count(lit(1)).as("size"),
                count(when(col(NODE[0]).equalTo(IdentifierType.CUSTOMER_ID.code()), 1)).as("accounts"))
            .agg(max("size"), count(when(col("size").gt(settings.maxComponentSize()), 1)),
                count(when(col("accounts").geq(2), 1)))
            .first();
    long largest = sizes.isNullAt(0) ? 0 : sizes.getLong(0);
    long oversized = sizes.getLong(1);
    long multiAccount = sizes.getLong(2);
    gate(context, "identity_component_size", oversized == 0,
        "largest=%d limit=%d over=%d".formatted(largest, settings.maxComponentSize(), oversized),
        oversized + " customers have more identifiers than journey.identity.max-component-size = "
            + settings.maxComponentSize() + " (largest " + largest
            + "); a junk identifier is probably gluing people: see journey_silver.identity_guarded"
            + " and lower journey.identity.max-linked");
    boolean accountsOk = settings.mergeAccounts() || multiAccount == 0;
    gate(context, "identity_accounts_per_customer", accountsOk, "customers_with_2_accounts=" + multiAccount,
        multiAccount + " customers hold two or more store accounts through a chain of links although"
            + " journey.identity.merge-accounts = false");

    Map<String, Long> churn = new TreeMap<>();
    CustomerKeys.churn(changes).collectAsList() // four rows, one per change type
        .forEach(r -> churn.put(r.getString(0), r.getLong(1)));
    long previousKeys = previousMap.select("customer_key").distinct().count();
    long churned = churn.get(CustomerKeys.MERGED) + churn.get(CustomerKeys.SPLIT)
        + churn.get(CustomerKeys.RETIRED);
    double share = previousKeys == 0 ? 0.0 : (double) churned / previousKeys;
    boolean churnOk = previousKeys < settings.churnGateMinKeys() || share <= settings.maxChurnShare();
    gate(context, "identity_key_churn", churnOk,
        "created=%d merged=%d split=%d retired=%d previous_keys=%d churn_share=%.6f limit=%s"
            .formatted(churn.get(CustomerKeys.CREATED), churn.get(CustomerKeys.MERGED),
                churn.get(CustomerKeys.SPLIT), churn.get(CustomerKeys.RETIRED), previousKeys, share,
                settings.maxChurnShare()),
        churned + " of " + previousKeys + " customer keys merged, split or retired in one night ("
            + String.format("%.2f%%", 100 * share) + ") is above journey.identity.max-churn-share = "
            + settings.maxChurnShare() + "; check journey_silver.identity_guarded and the input");
    context.progress().accept("%s: gates passed for %s (largest customer %d identifiers)"
        .formatted(NAME, mapTable, largest));
    return churn;
  }

  private static void gate(
      JobContext context, String check, boolean passed, String observed, String failure) {
    context.quality().record(check, SilverTables.IDENTITY_MAP.id().defaultQualifiedName(),
        context.to(), passed, observed);
    if (!passed) {
      throw new JobFailedException(NAME + ": " + failure);
    }
  }

  private void write(JobContext context, Plan plan, Dataset<Row> mapRows, Dataset<Row> vanished,
      Dataset<Row> guardedRows, Dataset<Row> previousGuarded, Dataset<Row> changes, String guards) {
    DeltaTables tables = context.tables();
    String note = context.commitNote(NAME);
    if (plan.replaceObservations()) {
      tables.replaceAll(SilverTables.IDENTITY_OBSERVATIONS, plan.observationUpserts(), note);
    } else {
      IdentityWrites.mergeObservations(tables, plan.observationUpserts(), plan.observationDeletes(), note);
    }
    IdentityWrites.mergeGuarded(tables, guardedRows, previousGuarded, note);
    IdentityWrites.appendChanges(tables, changes, note);
    // The map goes last and carries the guard settings: a run that died before it is redone.
    Dataset<Row> rows =
        plan.sightingUpdates() == null ? mapRows : mapRows.unionByName(plan.sightingUpdates());
    IdentityWrites.mergeMap(tables, rows, vanished, note + " guards=" + guards);
  }

  /** The guard settings as a short hash, stored with each map commit to detect a change. */
  static String guardsFingerprint(JourneySettings.Identity settings) {
    String text = new TreeMap<>(settings.maxLinked()) + ";merge-accounts=" + settings.mergeAccounts();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The guard fingerprint of the map's last commit, or "" when no run wrote it yet. */
  private static String lastGuards(DeltaTables tables) {
    List<Row> last =
        tables.delta(SilverTables.IDENTITY_MAP).history(1).select("userMetadata").collectAsList();
    if (last.isEmpty() || last.get(0).isNullAt(0)) {
      return "";
    }
    Matcher matcher = GUARDS.matcher(last.get(0).getString(0));
    return matcher.find() ? matcher.group(1) : "";
  }

  private static String reasonForRebuild(JourneySettings.Identity settings, String previousGuards) {
    if (settings.fullRebuild()) {
      return "full rebuild (journey.identity.mode = full-rebuild)";
    }
    return previousGuards.isEmpty()
        ? "full rebuild (no identity map yet)"
        : "full rebuild (the guard settings changed since the map was written)";
  }

  private static Map<IdentifierType, Integer> limits(JourneySettings.Identity settings) {
    Map<IdentifierType, Integer> limits = new TreeMap<>();
    settings.maxLinked().forEach((type, limit) -> limits.put(IdentifierType.fromCode(type), limit));
    return limits;
  }
}
